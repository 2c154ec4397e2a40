package dev.gatehouse.examples.accounts;

import dev.gatehouse.web.Request;
import dev.gatehouse.web.SeeOther;
import dev.gatehouse.web.forms.BoundForm;
import dev.gatehouse.web.forms.Field;
import dev.gatehouse.web.forms.Form;
import dev.gatehouse.web.session.Session;
import dev.gatehouse.web.templates.Templates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;

/**
 * {@code /admin/login}: one password (from the settings) opens the admin page for this session;
 * too many wrong ones from one address close the door for a while ({@link LoginThrottle}).
 */
public final class LoginPage {
    static final String WRONG_PASSWORD = "Wrong password";
    static final String TOO_MANY = "Too many wrong passwords from your address: try again in %d minute(s)";
    private static final Form FORM = new Form(Field.password("password").label("Admin password").required().maxChars(200)
            .attr("autocomplete", "current-password"));

    private final byte[] password;
    private final Pages pages;
    private final LoginThrottle throttle;

    LoginPage(String password, Pages pages, LoginThrottle throttle) {
        this.password = password.getBytes(StandardCharsets.UTF_8);
        this.pages = pages;
        this.throttle = throttle;
    }

    public Object GET(Request request) {
        if (AdminSession.isAdmin(request)) throw new SeeOther("/admin");
        return show(request, FORM.bind(request));
    }

    public Object POST(Request request) {
        BoundForm bound = FORM.bind(request);
        String address = request.clientAddress();
        Duration wait = throttle.wait(address);
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds());
            request.response().withStatus(429).setHeader("Retry-After", Long.toString(seconds));
            bound.addError("password", TOO_MANY.formatted((seconds + 59) / 60));
            return show(request, bound);
        }
        if (bound.validates() && !matches(bound.value("password"))) {
            bound.addError("password", WRONG_PASSWORD);
            throttle.failed(address);
        }
        if (bound.hasErrors()) {
            request.response().withStatus(401);
            return show(request, bound);
        }
        throttle.succeeded(address);
        AdminSession.logIn(request);
        Session.of(request.environ()).flash("Logged in as admin.");
        throw new SeeOther("/admin");
    }

    /** Compares in constant time, so response times do not reveal how much of a guess was right. */
    private boolean matches(String typed) {
        return MessageDigest.isEqual(password, typed.getBytes(StandardCharsets.UTF_8));
    }

    private Object show(Request request, BoundForm bound) {
        return pages.render(request, "login.peb", "Admin login",
                Map.of("form", Templates.safe(bound.renderForm(request.url("/admin/login"), "Log in"))));
    }
}
