package dev.gatehouse.examples.accounts;

import dev.gatehouse.web.Forbidden;
import dev.gatehouse.web.Request;
import dev.gatehouse.web.SeeOther;
import dev.gatehouse.web.forms.Form;
import dev.gatehouse.web.session.Session;

/** Who is logged in as admin: a mark in the signed session, set by the login page. */
final class AdminSession {
    static final String KEY = "admin";
    static final String ADMIN_NAME = "admin";
    /** A form without fields: what the admin's buttons post, so they carry the CSRF token. */
    static final Form BUTTON = Form.builder().build();

    private AdminSession() {
    }

    static boolean isAdmin(Request request) {
        return Session.of(request.environ()).get(KEY) != null;
    }

    /** A page for admins: the login page first for anyone else. */
    static void requireForPage(Request request) {
        if (!isAdmin(request)) throw new SeeOther("/admin/login");
    }

    /** An admin action: refused unless an admin posted it from one of our pages. */
    static void requireForAction(Request request) {
        if (!isAdmin(request)) throw new Forbidden("Log in as admin first.");
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
