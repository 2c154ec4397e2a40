package dev.gatehouse.examples.accounts;

import static dev.gatehouse.examples.accounts.AccountsAppTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.web.Html;
import java.net.URI;
import java.net.http.HttpResponse;

/**
 * The app's whole story over HTTP, for each way of deploying it: a wrong request shown again with
 * its errors, a right one stored and thanked, the admin's login and approval, and a second request
 * for the same login refused. Every page the app links to must work under the deployment's prefix.
 */
final class AccountsScenario {
    private static final String REASON = "I run the integration tests of the gateway and need the logs.";

    private AccountsScenario() {
    }

    /** Runs the story against the app at {@code base} (e.g. {@code http://127.0.0.1:8080/accounts}), whose admin password is {@code password}. */
    static void run(URI base, String password) throws Exception {
        String prefix = base.getRawPath();
        try (AccountsClient visitor = new AccountsClient(base); AccountsClient admin = new AccountsClient(base)) {
            HttpResponse<String> form = visitor.get("/request");
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.body()).contains("action=\"" + prefix + "/request\"", "href=\"" + prefix + "/admin\"");

            HttpResponse<String> wrong = visitor.post("/request", request("Grace Hopper", "Grace!", "grace", "short", ""));
            assertThat(wrong.statusCode()).isEqualTo(200);
            assertThat(wrong.body()).contains("id=\"login-error\">" + Html.escape(RequestForm.LOGIN_RULE) + "<",
                    "id=\"email-error\">Not a valid email address<", "id=\"reason-error\">Between 10 and 2000 characters<",
                    "value=\"Grace Hopper\"");

            HttpResponse<String> stored = visitor.post("/request", request("Grace Hopper", "grace", "grace@example.org", REASON, ""));
            assertThat(stored.statusCode()).isEqualTo(303);
            assertThat(stored.headers().firstValue("Location")).hasValue(prefix + "/thanks");
            assertThat(visitor.get("/thanks").body()).contains("Thank you, Grace Hopper: your request for the login grace is waiting for approval.");

            HttpResponse<String> locked = admin.get("/admin");
            assertThat(locked.statusCode()).isEqualTo(303);
            assertThat(locked.headers().firstValue("Location")).hasValue(prefix + "/admin/login");
            assertThat(admin.logIn(password).statusCode()).isEqualTo(303);
            AccountsAppTest.decide(admin, "grace", "approve");
            assertThat(admin.get("/admin").body()).contains("Request 1 approved.", "<td class=\"status\">approved</td>", "No request is waiting.");

            visitor.get("/request");
            HttpResponse<String> duplicate = visitor.post("/request", request("Grace B. Hopper", "grace", "hopper@example.org", REASON, ""));
            assertThat(duplicate.statusCode()).isEqualTo(200);
            assertThat(duplicate.body()).contains("id=\"login-error\">" + RequestForm.LOGIN_TAKEN + "<");
        }
    }
}
