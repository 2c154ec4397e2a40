package dev.gatehouse.examples.accounts;

import dev.gatehouse.web.Forbidden;
import dev.gatehouse.web.Processor;
import dev.gatehouse.web.Request;
import dev.gatehouse.web.SeeOther;
import dev.gatehouse.web.forms.Form;
import dev.gatehouse.web.session.Session;

/** Who is logged in as admin: a mark in the signed session, set by the login page. */
final class AdminSession {
    static final String KEY = "admin";
    static final String ADMIN_NAME = "admin";
    static final String LOGIN_PATH = "/admin/login";
    /** A form without fields: what the admin's buttons post, so they carry the CSRF token. */
    static final Form BUTTON = Form.builder().build();

    private AdminSession() {
    }

    static boolean isAdmin(Request request) {
        return Session.of(request.environ()).get(KEY) != null;
    }

    /**
     * The guard of every {@code /admin} path but the login page, as a processor: anyone else gets
     * the login page for a GET and a 403 for anything else. Admin actions also need the CSRF token
     * of one of our pages ({@link #requireToken}).
     */
    static Object guard(Request request, Processor.Chain next) throws Exception {
        String path = request.path();
        boolean adminOnly = (path.equals("/admin") || path.startsWith("/admin/")) && !path.equals(LOGIN_PATH);
        if (!adminOnly || isAdmin(request)) return next.proceed();
        if (request.method().equals("GET") || request.method().equals("HEAD")) throw new SeeOther(LOGIN_PATH);
        throw new Forbidden("Log in as admin first.");
    }

    /** An admin action: refused unless it was posted from one of our pages. */
    static void requireToken(Request request) {
        if (!BUTTON.bind(request).validates()) throw new Forbidden("This page has expired; reload it and try again.");
    }

    /** Starts the admin's session under a new id, so an id planted before the login is worthless. */
    static void logIn(Request request) {
        Session session = Session.of(request.environ());
        session.regenerate();
        session.put(KEY, ADMIN_NAME);
    }

    static void logOut(Request request) {
        Session.of(request.environ()).invalidate();
    }
}
