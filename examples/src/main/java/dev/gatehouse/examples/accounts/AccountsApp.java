package dev.gatehouse.examples.accounts;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.web.SeeOther;
import dev.gatehouse.web.WebApp;
import dev.gatehouse.web.data.Database;
import dev.gatehouse.web.data.Migrations;
import dev.gatehouse.web.session.SessionConfig;
import dev.gatehouse.web.session.Sessions;
import dev.gatehouse.web.templates.TemplateOptions;
import dev.gatehouse.web.templates.Templates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account request system: people ask for an account on a validated form; an admin approves
 * or rejects the requests. A complete small app of the kind the {@code web} framework is for:
 * routes to handler classes, a form checked field by field, across fields and against the
 * database, CSRF tokens, sessions in signed cookies with flash messages, Pebble templates with a
 * layout, and SQLite with numbered migrations.
 *
 * <p>Everything it keeps is in the database or in the signed cookie, never in memory, so it runs
 * unchanged as one long-lived server ({@code gatehouse serve --mount /accounts=dev.gatehouse.examples.accounts.AccountsApp::create}),
 * behind nginx over FastCGI, or as a CGI script started for each request. Settings:
 * {@link AccountsSettings}.
 */
public final class AccountsApp implements Application, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccountsApp.class);
    static final String TEMPLATES = "accounts/templates";
    static final String MIGRATIONS = "accounts/migrations";
    static final String COOKIE = "gh_accounts";

    private final Database db;
    private final Application app;

    private AccountsApp(Database db, Application app) {
        this.db = db;
        this.app = app;
    }

    /** The app with the settings of this process (system properties, environment, defaults). */
    public static AccountsApp create() {
        return create(AccountsSettings.fromEnvironment());
    }

    /** The app on {@code settings}: opens (and if needed creates and migrates) its database. */
    public static AccountsApp create(AccountsSettings settings) {
        if (settings.demoPassword()) {
            LOG.warn("the account admin password is the demo default '{}': set GATEHOUSE_ACCOUNTS_ADMIN_PASSWORD", AccountsSettings.DEMO_PASSWORD);
        }
        Database db = open(settings.database());
        try {
            ClassLoader loader = AccountsApp.class.getClassLoader();
            Migrations.fromClasspath(MIGRATIONS, loader).migrate(db);
            byte[] key = settings.sessionSecret() != null ? settings.sessionSecret().getBytes(StandardCharsets.UTF_8)
                    : new AppSecrets(db).sessionKey();
            Templates templates = Templates.fromClasspath(TEMPLATES, loader, TemplateOptions.forProduction());
            Application routed = routes(new AccountRequests(db, Clock.systemUTC()), new Pages(templates), settings.adminPassword(),
                    new LoginThrottle(db, Clock.systemUTC()));
            Application app = Sessions.signedCookies(key, SessionConfig.defaults().withCookieName(COOKIE)).wrap(routed);
            return new AccountsApp(db, app);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static WebApp routes(AccountRequests requests, Pages pages, String adminPassword, LoginThrottle throttle) {
        return new WebApp()
                .processor(AdminSession::guard)
                .get("/", request -> {
                    throw new SeeOther("/request");
                })
                .route("/request", new RequestPage(new RequestForm(requests), requests, pages))
                .route("/thanks", new ThanksPage(pages))
                .route("/admin", new AdminPage(requests, pages))
                .route("/admin/login", new LoginPage(adminPassword, pages, throttle))
                .route("/admin/logout", new LogoutAction())
                .route("/admin/requests/(\\d{1,18})/(approve|reject)", new DecisionAction(requests));
    }

    private static Database open(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of the accounts database " + absolute, e);
        }
        return Database.open("jdbc:sqlite:" + absolute);
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws Exception {
        return app.call(environ, startResponse);
    }

    /** Closes the database pool (a server calls it at shutdown; a CGI process just exits). */
    @Override
    public void close() {
        db.close();
    }
}
