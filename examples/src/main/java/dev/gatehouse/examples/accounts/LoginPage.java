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
import java.util.Map;

/** {@code /admin/login}: one password (from the settings) opens the admin page for this session. */
public final class LoginPage {
    static final String WRONG_PASSWORD = "Wrong password";
    private static final Form FORM = new Form(Field.password("password").label("Admin password").required().maxChars(200)
            .attr("autocomplete", "current-password"));

    private final byte[] password;
    private final Pages pages;

    LoginPage(String password, Pages pages) {
        this.password = password.getBytes(StandardCharsets.UTF_8);
        this.pages = pages;
    }

    public Object GET(Request request) {
        if (AdminSession.isAdmin(request)) throw new SeeOther("/admin");
        return show(request, FORM.bind(request));
    }

    public Object POST(Request request) {
        BoundForm bound = FORM.bind(request);
        if (bound.validates() && !matches(bound.value("password"))) bound.addError("password", WRONG_PASSWORD);
        if (bound.hasErrors()) {
            request.response().withStatus(401);
            return show(request, bound);
        }
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
