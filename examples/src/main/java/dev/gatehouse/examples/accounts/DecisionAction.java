package dev.gatehouse.examples.accounts;

import dev.gatehouse.web.Conflict;
import dev.gatehouse.web.Request;
import dev.gatehouse.web.SeeOther;
import dev.gatehouse.web.session.Session;

/** {@code POST /admin/requests/ID/approve} (or {@code reject}): decides one pending request. */
public final class DecisionAction {
    private final AccountRequests requests;

    DecisionAction(AccountRequests requests) {
        this.requests = requests;
    }

    public Object POST(Request request, String id, String decision) {
        AdminSession.requireToken(request);
        String status = decision.equals("approve") ? AccountRequests.APPROVED : AccountRequests.REJECTED;
        long requestId = Long.parseLong(id);
        if (!requests.decide(requestId, status, AdminSession.ADMIN_NAME)) {
            throw new Conflict("Request " + requestId + " is not pending: it was decided already, or does not exist.");
        }
        Session.of(request.environ()).flash("Request " + requestId + " " + status + ".");
        throw new SeeOther("/admin");
    }
}
