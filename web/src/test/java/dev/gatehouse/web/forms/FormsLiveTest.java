package dev.gatehouse.web.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Environ;
import dev.gatehouse.web.WebApp;
import dev.gatehouse.web.session.Browser;
import dev.gatehouse.web.session.Sessions;
import dev.gatehouse.web.session.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A sign-up form served by Http1Server behind the Sessions middleware, driven by a real HTTP
 * client: the CSRF token round trip, redisplay with errors, and a form-level check that asks
 * SQLite whether the login is taken.
 */
class FormsLiveTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([A-Za-z0-9_-]+)\"");

    @TempDir
    Path dir;

    private SQLiteDataSource db;
    private TestServer server;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        db = new SQLiteDataSource();
        db.setUrl("jdbc:sqlite:" + dir.resolve("users.db"));
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE users (login TEXT PRIMARY KEY)");
            st.execute("INSERT INTO users VALUES ('taken')");
        }
        server = new TestServer(Sessions.signedCookies(KEY).wrap(signupApp(signupForm())));
        browser = new Browser(server);
    }

    @AfterEach
    void stop() {
        browser.close();
        server.close();
    }

    private Form signupForm() {
        return Form.builder()
                .fields(Field.text("login").label("Login").required().validate(Validator.regex("[a-z][a-z0-9]{2,15}", "3-16 lower-case letters or digits")),
                        Field.email("email").label("Email").required(),
                        Field.password("password").label("Password").required().validate(Validator.length(10, 200)),
                        Field.password("confirm").label("Again").required())
                .check("confirm", v -> v.value("password").equals(v.value("confirm")), "The passwords differ")
                .check("login", v -> !loginTaken(v.value("login")), "That login is taken")
                .build();
    }

    private boolean loginTaken(String login) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1 FROM users WHERE login = ?")) {
            ps.setString(1, login);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The form bound from the framework's own Request. */
    private static Application signupApp(Form form) {
        return new WebApp()
                .get("/signup", req -> form.bind(req).renderForm("/signup", "Sign up"))
                .post("/signup", req -> {
                    BoundForm bound = form.bind(req);
                    return bound.validates() ? "welcome " + bound.value("login") : bound.renderForm("/signup", "Sign up");
                });
    }

    private String token() throws Exception {
        Matcher m = TOKEN.matcher(browser.get("/signup").body());
        assertThat(m.find()).as("the page carries the token field").isTrue();
        return m.group(1);
    }

    @Test
    void pageCarriesTheTokenAndStartsTheSession() throws Exception {
        HttpResponse<String> r = browser.get("/signup");
        assertThat(r.body()).startsWith("<form method=\"post\" action=\"/signup\">\n<input type=\"hidden\" name=\"_csrf\" value=\"");
        assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("gh_session=");
        // the token stays the same for the session
        assertThat(token()).isEqualTo(token());
    }

    @Test
    void validSubmissionWithTheTokenIsAccepted() throws Exception {
        String token = token();
        HttpResponse<String> r = browser.post("/signup", "_csrf", token, "login", "ada", "email", "ada@example.org",
                "password", "correct horse", "confirm", "correct horse");
        assertThat(r.body()).isEqualTo("welcome ada");
    }

    @Test
    void missingTokenIsRejectedWithAFormError() throws Exception {
        browser.get("/signup");
        HttpResponse<String> r = browser.post("/signup", "login", "ada", "email", "ada@example.org",
                "password", "correct horse", "confirm", "correct horse");
        assertThat(r.body()).contains("<li>" + Html.escape(BoundForm.CSRF_ERROR) + "</li>", "value=\"ada\"").doesNotContain("welcome");
    }

    @Test
    void wrongTokenIsRejectedWithAFormError() throws Exception {
        String token = token();
        String wrong = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        HttpResponse<String> r = browser.post("/signup", "_csrf", wrong, "login", "ada", "email", "ada@example.org",
                "password", "correct horse", "confirm", "correct horse");
        assertThat(r.body()).contains(Html.escape(BoundForm.CSRF_ERROR)).doesNotContain("welcome");
    }

    @Test
    void tokenInTheHeaderIsAccepted() throws Exception {
        String token = token();
        HttpResponse<String> r = browser.send(browser.request("/signup").header("X-CSRF-Token", token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Browser.urlencoded("login", "bob", "email", "bob@example.org",
                        "password", "correct horse", "confirm", "correct horse"))));
        assertThat(r.body()).isEqualTo("welcome bob");
    }

    @Test
    void invalidSubmissionIsRedisplayedWithErrorsAndEscapedValues() throws Exception {
        String token = token();
        HttpResponse<String> r = browser.post("/signup", "_csrf", token, "login", "<b>Ada</b>", "email", "ada@",
                "password", "short-pw", "confirm", "");
        assertThat(r.body()).contains("value=\"&lt;b&gt;Ada&lt;/b&gt;\"", "aria-invalid=\"true\"",
                "<strong class=\"wrong\" id=\"login-error\">3-16 lower-case letters or digits</strong>",
                "<strong class=\"wrong\" id=\"email-error\">Not a valid email address</strong>",
                "<strong class=\"wrong\" id=\"password-error\">Between 10 and 200 characters</strong>",
                "<strong class=\"wrong\" id=\"confirm-error\">Required</strong>")
                .doesNotContain("<b>Ada</b>", "short-pw");
        // the redisplayed page carries the same token, so the user can fix and resubmit
        assertThat(r.body()).contains("value=\"" + token + "\"");
    }

    @Test
    void formLevelChecksRunAgainstTheDatabase() throws Exception {
        String token = token();
        HttpResponse<String> taken = browser.post("/signup", "_csrf", token, "login", "taken", "email", "t@example.org",
                "password", "correct horse", "confirm", "correct horse");
        assertThat(taken.body()).contains("<strong class=\"wrong\" id=\"login-error\">That login is taken</strong>");
        HttpResponse<String> differ = browser.post("/signup", "_csrf", token, "login", "carol", "email", "c@example.org",
                "password", "correct horse", "confirm", "battery staple");
        assertThat(differ.body()).contains("<strong class=\"wrong\" id=\"confirm-error\">The passwords differ</strong>");
    }

    @Test
    void protectedFormWithoutSessionsNamesTheMiddleware() {
        BoundForm bound = signupForm().bind(new Environ());
        assertThatThrownBy(bound::render).isInstanceOf(IllegalStateException.class).hasMessageContaining("Sessions middleware");
    }
}
