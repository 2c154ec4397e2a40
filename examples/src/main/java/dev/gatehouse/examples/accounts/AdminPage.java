package dev.gatehouse.examples.accounts;

import dev.gatehouse.web.Request;
import dev.gatehouse.web.templates.Templates;
import java.util.Map;

/** {@code /admin} (admins only: {@link AdminSession#guard}): the pending requests with their approve and reject buttons, then the decided ones. */
public final class AdminPage {
    private final AccountRequests requests;
    private final Pages pages;

    AdminPage(AccountRequests requests, Pages pages) {
        this.requests = requests;
        this.pages = pages;
    }

    public Object GET(Request request) {
        String csrf = AdminSession.BUTTON.bind(request.environ()).csrfField();
        return pages.render(request, "admin.peb", "Account requests", Map.of(
                "pending", requests.pending(),
                "decided", requests.decided(),
                "decidedShown", AccountRequests.DECIDED_SHOWN,
                "csrf", Templates.safe(csrf)));
    }
}
