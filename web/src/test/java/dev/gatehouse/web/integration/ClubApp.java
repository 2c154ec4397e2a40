package dev.gatehouse.web.integration;

import dev.gatehouse.api.Application;
import dev.gatehouse.web.Request;
import dev.gatehouse.web.SeeOther;
import dev.gatehouse.web.WebApp;
import dev.gatehouse.web.WebConfig;
import dev.gatehouse.web.data.DataException;
import dev.gatehouse.web.data.Database;
import dev.gatehouse.web.data.Row;
import dev.gatehouse.web.forms.BoundForm;
import dev.gatehouse.web.forms.Field;
import dev.gatehouse.web.forms.Form;
import dev.gatehouse.web.forms.Validator;
import dev.gatehouse.web.session.Csrf;
import dev.gatehouse.web.session.Session;
import dev.gatehouse.web.session.Sessions;
import dev.gatehouse.web.templates.TemplateResult;
import dev.gatehouse.web.templates.Templates;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The app the integration tests drive, written the way a user of the framework would: people join
 * a club through a form with an avatar upload; the members page lists them. Every part of the
 * framework takes part: routing (mounted under /club), sessions with flash messages, the CSRF
 * middleware and the form's own token, a form bound from the request (urlencoded or multipart),
 * a form-level check that asks the database, templates with a layout, SQLite with migrations.
 */
public final class ClubApp {
    private ClubApp() {
    }

    static Application create(Database db, Templates templates, Path avatars, WebConfig config, byte[] sessionKey) {
        WebApp club = new WebApp(config)
                .route("/join", new Join(db, templates, avatars))
                .get("/members", req -> templates.render("members.peb", Map.of(
                        "flashes", Session.of(req).takeFlashes(),
                        "members", db.query("SELECT login, motto, avatar_bytes FROM members ORDER BY id", Row::toMap))));
        WebApp site = new WebApp(config).mount("/club", club);
        return Sessions.signedCookies(sessionKey).andThen(Csrf.protect()).wrap(site);
    }

    /** The join form: one instance serves every request (the form definition is immutable). */
    public static final class Join {
        private final Database db;
        private final Templates templates;
        private final Path avatars;
        private final Form form;

        Join(Database db, Templates templates, Path avatars) {
            this.db = db;
            this.templates = templates;
            this.avatars = avatars;
            this.form = Form.builder()
                    .fields(Field.text("login").label("Login").required()
                                    .validate(Validator.regex("[a-z][a-z0-9]{2,15}", "3-16 lower-case letters or digits")),
                            Field.email("email").label("Email").required(),
                            Field.textarea("motto").label("Motto").maxChars(200),
                            Field.file("avatar").label("Avatar").required().accept("image/png").maxBytes(64 * 1024))
                    .check("login", v -> !loginTaken(v.value("login")), "That login is taken")
                    .build();
        }

        private boolean loginTaken(String login) {
            return db.optional("SELECT 1 FROM members WHERE login = ?", row -> 1, login).isPresent();
        }

        public TemplateResult GET(Request req) {
            return page(req, form.bind(req));
        }

        public TemplateResult POST(Request req) throws IOException {
            BoundForm bound = form.bind(req);
            if (bound.validates()) {
                try {
                    long id = db.insert("INSERT INTO members (login, email, motto, avatar_bytes) VALUES (?, ?, ?, ?)",
                            bound.value("login"), bound.value("email"), bound.value("motto"), bound.upload("avatar").size());
                    bound.upload("avatar").saveTo(avatars.resolve(id + ".png"));
                    Session.of(req).flash("Welcome, " + bound.value("login") + "!");
                    throw new SeeOther("/members");
                } catch (DataException e) {
                    // two submissions racing past the check: the UNIQUE constraint decides
                    if (!e.isConstraintViolation()) throw e;
                    bound.addError("login", "That login is taken");
                }
            }
            req.response().withStatus(422);
            return page(req, bound);
        }

        private TemplateResult page(Request req, BoundForm bound) {
            return templates.render("join.peb", Map.of("form", bound.renderForm(req.url("/join"), "Join"), "flashes", List.of()));
        }
    }
}
