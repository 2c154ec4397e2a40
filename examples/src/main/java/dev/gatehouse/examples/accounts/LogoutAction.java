package dev.gatehouse.examples.accounts;

import dev.gatehouse.web.Request;
import dev.gatehouse.web.SeeOther;

/** {@code POST /admin/logout}: ends the admin's session. */
public final class LogoutAction {
    public Object POST(Request request) {
        AdminSession.requireToken(request);
        AdminSession.logOut(request);
        throw new SeeOther("/admin/login");
    }
}
