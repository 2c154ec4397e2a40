package dev.gatehouse.examples.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.web.Html;
import dev.gatehouse.web.forms.BoundForm;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account request app over Gatehouse's HTTP server: each rule of the form, the admin's work, the protections. */
class AccountsAppTest {
    private static final String LONG_REASON = "I maintain the build farm and need to read the nightly logs.";
    private AccountsServer server;
    private AccountsClient visitor;

    @BeforeEach
    void start() throws Exception {
        server = new AccountsServer();
        visitor = server.client();
    }

    @AfterEach
    void stop() throws Exception {
        visitor.close();
        server.close();
    }

    static Map<String, String> request(String name, String login, String email, String reason, String sponsor) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("login", login);
        fields.put("email", email);
        fields.put("reason", reason);
        fields.put("sponsor", sponsor);
        return fields;
    }

    /** Sends a request for {@code login} from a fresh form; returns the answer to the POST. */
    private HttpResponse<String> submit(AccountsClient client, Map<String, String> fields) throws Exception {
        client.get("/request");
        return client.post("/request", fields);
    }

    private static String errorOf(HttpResponse<String> page, String field) {
        Matcher m = Pattern.compile("<strong class=\"wrong\" id=\"" + field + "-error\">([^<]*)</strong>").matcher(page.body());
        return m.find() ? m.group(1) : null;
    }

    @Test
    void theRootRedirectsToTheForm() throws Exception {
        HttpResponse<String> r = visitor.get("/");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(visitor.location(r)).isEqualTo("/request");
    }

    @Test
    void theFormHasEveryFieldAndACsrfToken() throws Exception {
        HttpResponse<String> r = visitor.get("/request");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.body()).contains("<title>Request an account - Gatehouse accounts</title>", "name=\"_csrf\"", "action=\"/request\"")
                .contains("name=\"name\"", "name=\"login\"", "name=\"email\"", "name=\"reason\"", "name=\"sponsor\"");
        assertThat(r.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).startsWith(AccountsApp.COOKIE + "=").contains("HttpOnly"));
    }

    @Test
    void fieldErrorsShowBesideTheirFieldsAndTheValuesStay() throws Exception {
        HttpResponse<String> blank = submit(visitor, request("   ", "ada", "ada@example.org", "            ", ""));
        assertThat(errorOf(blank, "name")).isEqualTo("Required");
        assertThat(errorOf(blank, "reason")).isEqualTo("Required");

        HttpResponse<String> r = submit(visitor, request("", "Bad Login", "not-an-address", "short", "x"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(errorOf(r, "name")).isEqualTo("Required");
        assertThat(errorOf(r, "login")).isEqualTo(Html.escape(RequestForm.LOGIN_RULE));
        assertThat(errorOf(r, "email")).isEqualTo("Not a valid email address");
        assertThat(errorOf(r, "reason")).isEqualTo("Between 10 and 2000 characters");
        assertThat(errorOf(r, "sponsor")).isEqualTo(Html.escape(RequestForm.LOGIN_RULE));
        assertThat(r.body()).contains("value=\"Bad Login\"", "value=\"not-an-address\"", ">short</textarea>", "aria-invalid=\"true\"");
    }

    @Test
    void aSponsorCannotBeTheRequesterAndWithoutOneTheReasonMustBeLonger() throws Exception {
        HttpResponse<String> self = submit(visitor, request("Ada Lovelace", "ada", "ada@example.org", "Analytical engine work", "ada"));
        assertThat(errorOf(self, "sponsor")).isEqualTo(RequestForm.SELF_SPONSOR);

        HttpResponse<String> alone = submit(visitor, request("Ada Lovelace", "ada", "ada@example.org", "Analytical engine work", ""));
        assertThat(errorOf(alone, "reason")).isEqualTo(RequestForm.SHORT_REASON);
        assertThat(errorOf(alone, "sponsor")).isNull();
    }

    @Test
    void aSponsorMustBeAnApprovedAccount() throws Exception {
        HttpResponse<String> r = submit(visitor, request("Ada Lovelace", "ada", "ada@example.org", "Analytical engine work", "babbage"));
        assertThat(errorOf(r, "sponsor")).isEqualTo(RequestForm.UNKNOWN_SPONSOR);

        submit(visitor, request("Charles Babbage", "babbage", "cb@example.org", LONG_REASON, ""));
        try (AccountsClient admin = server.client()) {
            admin.logIn(AccountsServer.PASSWORD);
            decide(admin, "babbage", "approve");
        }
        HttpResponse<String> sponsored = submit(visitor, request("Ada Lovelace", "ada", "ada@example.org", "Analytical engine work", "babbage"));
        assertThat(sponsored.statusCode()).isEqualTo(303);
    }

    @Test
    void aValidRequestRedirectsToTheThankYouPageWhichShowsItsFlashOnce() throws Exception {
        HttpResponse<String> r = submit(visitor, request("Ada Lovelace", "ada", "ada@example.org", LONG_REASON, ""));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(visitor.location(r)).isEqualTo("/thanks");
        assertThat(visitor.get("/thanks").body()).contains("Thank you, Ada Lovelace: your request for the login ada is waiting for approval.");
        assertThat(visitor.get("/thanks").body()).doesNotContain("Thank you, Ada").contains("Your request is waiting for approval.");
    }

    @Test
    void aLoginOrEmailAlreadyRequestedIsRefusedWhatEverTheEmailsCase() throws Exception {
        assertThat(submit(visitor, request("Ada Lovelace", "ada", "ada@example.org", LONG_REASON, "")).statusCode()).isEqualTo(303);
        HttpResponse<String> again = submit(visitor, request("Ada King", "ada", "ADA@Example.org", LONG_REASON, ""));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(errorOf(again, "login")).isEqualTo(RequestForm.LOGIN_TAKEN);
        assertThat(errorOf(again, "email")).isEqualTo(RequestForm.EMAIL_TAKEN);
    }

    @Test
    void aRejectedRequestFreesItsLoginAndEmail() throws Exception {
        submit(visitor, request("Ada Lovelace", "ada", "ada@example.org", LONG_REASON, ""));
        try (AccountsClient admin = server.client()) {
            admin.logIn(AccountsServer.PASSWORD);
            decide(admin, "ada", "reject");
            assertThat(admin.get("/admin").body()).contains("<td class=\"status\">rejected</td>");
        }
        assertThat(submit(visitor, request("Ada Lovelace", "ada", "ada@example.org", LONG_REASON, "")).statusCode()).isEqualTo(303);
    }

    @Test
    void aFormPostedWithoutTheTokenIsShownAgainWithTheReasonAndNotStored() throws Exception {
        visitor.get("/request");
        HttpResponse<String> r = visitor.postRaw("/request", request("Ada Lovelace", "ada", "ada@example.org", LONG_REASON, ""));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains(Html.escape(BoundForm.CSRF_ERROR), "value=\"ada\"");
        try (AccountsClient admin = server.client()) {
            admin.logIn(AccountsServer.PASSWORD);
            assertThat(admin.get("/admin").body()).contains("No request is waiting.");
        }
    }

    @Test
    void tooManyWrongPasswordsFromOneAddressAreRefusedEvenBeforeTheRightOne() throws Exception {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(visitor.logIn("guess " + i).statusCode()).as("guess %d", i).isEqualTo(401);
        }
        HttpResponse<String> refused = visitor.logIn(AccountsServer.PASSWORD);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
                seconds -> assertThat(seconds).isBetween(1L, LoginThrottle.WINDOW.toSeconds()));
        assertThat(errorOf(refused, "password")).isEqualTo(Html.escape(LoginPage.TOO_MANY.formatted(15)));
        assertThat(visitor.get("/admin").statusCode()).isEqualTo(303);
    }

    @Test
    void theRightPasswordClearsTheAddressesEarlierFailures() throws Exception {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) visitor.logIn("guess " + i);
        assertThat(visitor.logIn(AccountsServer.PASSWORD).statusCode()).isEqualTo(303);
        AccountsClient other = server.client();
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            assertThat(other.logIn("guess " + i).statusCode()).isEqualTo(401);
        }
        assertThat(other.logIn(AccountsServer.PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void theAdminPageNeedsTheRightPassword() throws Exception {
        HttpResponse<String> page = visitor.get("/admin");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(visitor.location(page)).isEqualTo("/admin/login");

        HttpResponse<String> wrong = visitor.logIn("guess");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(errorOf(wrong, "password")).isEqualTo(LoginPage.WRONG_PASSWORD);
        assertThat(wrong.body()).doesNotContain("value=\"guess\"");
        assertThat(visitor.get("/admin").statusCode()).isEqualTo(303);

        HttpResponse<String> right = visitor.logIn(AccountsServer.PASSWORD);
        assertThat(right.statusCode()).isEqualTo(303);
        assertThat(visitor.location(right)).isEqualTo("/admin");
        assertThat(visitor.get("/admin").body()).contains("Logged in as admin.", "No request is waiting.");
    }

    @Test
    void decisionsNeedAnAdminAndTheToken() throws Exception {
        submit(visitor, request("Ada Lovelace", "ada", "ada@example.org", LONG_REASON, ""));
        assertThat(visitor.post("/admin/requests/1/approve", Map.of()).statusCode()).isEqualTo(403);
        try (AccountsClient admin = server.client()) {
            admin.logIn(AccountsServer.PASSWORD);
            admin.get("/admin");
            assertThat(admin.postRaw("/admin/requests/1/approve", Map.of()).statusCode()).isEqualTo(403);
            assertThat(admin.postRaw("/admin/requests/1/approve", Map.of("_csrf", "forged")).statusCode()).isEqualTo(403);
            assertThat(admin.get("/admin").body()).contains("<td class=\"login\">ada</td>").doesNotContain("<td class=\"status\">");
        }
    }

    @Test
    void decidingTwiceIsAConflict() throws Exception {
        submit(visitor, request("Ada Lovelace", "ada", "ada@example.org", LONG_REASON, ""));
        try (AccountsClient admin = server.client()) {
            admin.logIn(AccountsServer.PASSWORD);
            String id = decide(admin, "ada", "approve");
            assertThat(admin.post("/admin/requests/" + id + "/reject", Map.of()).statusCode()).isEqualTo(409);
            assertThat(admin.post("/admin/requests/999/approve", Map.of()).statusCode()).isEqualTo(409);
            assertThat(admin.get("/admin").body()).contains("<td class=\"status\">approved</td>");
        }
    }

    @Test
    void whatPeopleTypeIsEscapedOnEveryPage() throws Exception {
        String name = "<script>alert(1)</script>";
        HttpResponse<String> redisplay = submit(visitor, request(name, "bad login", "a@b.c", "short", ""));
        assertThat(redisplay.body()).doesNotContain(name).contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"");
        submit(visitor, request(name, "mallory", "m@example.org", LONG_REASON + "<b>", ""));
        try (AccountsClient admin = server.client()) {
            admin.logIn(AccountsServer.PASSWORD);
            assertThat(admin.get("/admin").body()).doesNotContain(name).doesNotContain("<b>")
                    .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "logs.&lt;b&gt;");
        }
    }

    @Test
    void loggingOutEndsTheAdminSession() throws Exception {
        visitor.logIn(AccountsServer.PASSWORD);
        visitor.get("/admin");
        HttpResponse<String> out = visitor.post("/admin/logout", Map.of());
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(visitor.location(out)).isEqualTo("/admin/login");
        assertThat(visitor.get("/admin").statusCode()).isEqualTo(303);
    }

    @Test
    void everyAdminPathButTheLoginIsGuardedEvenOnesThatDoNotExist() throws Exception {
        for (String path : new String[] {"/admin", "/admin/", "/admin/requests/1/approve", "/admin/nothing"}) {
            HttpResponse<String> r = visitor.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(303);
            assertThat(visitor.location(r)).isEqualTo("/admin/login");
        }
        assertThat(visitor.post("/admin/logout", Map.of()).statusCode()).isEqualTo(403);
        assertThat(visitor.get("/admin/login").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathsAreNotFoundAndWrongMethodsNotAllowed() throws Exception {
        assertThat(visitor.get("/nothing").statusCode()).isEqualTo(404);
        visitor.logIn(AccountsServer.PASSWORD);
        assertThat(visitor.get("/admin/nothing").statusCode()).isEqualTo(404);
        HttpResponse<String> r = visitor.get("/admin/requests/1/approve");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    }

    /** Presses the admin's button for {@code login}'s pending request; returns the request's id. */
    static String decide(AccountsClient admin, String login, String decision) throws Exception {
        HttpResponse<String> page = admin.get("/admin");
        Matcher m = Pattern.compile("<tr id=\"request-(\\d+)\">\\s*<td class=\"login\">" + login + "</td>").matcher(page.body());
        assertThat(m.find()).as("a pending request for %s on the admin page", login).isTrue();
        String id = m.group(1);
        HttpResponse<String> r = admin.post("/admin/requests/" + id + "/" + decision, Map.of());
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(admin.location(r)).isEqualTo("/admin");
        return id;
    }
}
