package dev.gatehouse.web.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Header;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Csrf middleware through Http1Server: GET /token hands out the token, unsafe methods need it back. */
class CsrfTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private TestServer server;
    private Browser browser;

    /** Answers the session's token on GET, and on other methods what it read of the body. */
    private static final Application APP = (environ, startResponse) -> {
        String text = environ.requestMethod().equals("GET")
                ? CsrfToken.of(environ)
                : "accepted " + new String(environ.input().readAllBytes(), StandardCharsets.ISO_8859_1);
        startResponse.start(200, Header.of("Content-Type", "text/plain"));
        return Body.of(text);
    };

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(Sessions.signedCookies(KEY).wrap(Csrf.exempting("/hooks/").wrap(APP)));
        browser = new Browser(server);
    }

    @AfterEach
    void stop() {
        browser.close();
        server.close();
    }

    @Test
    void missingTokenIsRejected() throws Exception {
        browser.get("/token");
        HttpResponse<String> r = browser.post("/save", "name", "x");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("CSRF token");
    }

    @Test
    void wrongTokenIsRejected() throws Exception {
        String token = browser.get("/token").body();
        String wrong = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        assertThat(browser.post("/save", "_csrf", wrong, "name", "x").statusCode()).isEqualTo(403);
    }

    @Test
    void tokenOfAnotherSessionIsRejected() throws Exception {
        String othersToken;
        try (Browser other = new Browser(server)) {
            othersToken = other.get("/token").body();
        }
        browser.get("/token");
        assertThat(browser.post("/save", "_csrf", othersToken).statusCode()).isEqualTo(403);
    }

    @Test
    void rightTokenIsAcceptedAndTheAppStillReadsTheWholeBody() throws Exception {
        String token = browser.get("/token").body();
        HttpResponse<String> r = browser.post("/save", "name", "x", "_csrf", token, "more", "y".repeat(3000));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("accepted " + Browser.urlencoded("name", "x", "_csrf", token, "more", "y".repeat(3000)));
    }

    @Test
    void tokenInTheHeaderIsAccepted() throws Exception {
        String token = browser.get("/token").body();
        HttpResponse<String> r = browser.send(browser.request("/api/items").header("X-CSRF-Token", token)
                .method("DELETE", HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(200);
        HttpResponse<String> without = browser.send(browser.request("/api/items").method("DELETE", HttpRequest.BodyPublishers.noBody()));
        assertThat(without.statusCode()).isEqualTo(403);
    }

    @Test
    void tokenInAMultipartBodyIsAccepted() throws Exception {
        String token = browser.get("/token").body();
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n--XyZ--\r\n";
        HttpResponse<String> r = browser.send(browser.request("/upload").header("Content-Type", "multipart/form-data; boundary=XyZ")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("accepted " + body);
        String forged = body.replace(token, "nope");
        assertThat(browser.send(browser.request("/upload").header("Content-Type", "multipart/form-data; boundary=XyZ")
                .POST(HttpRequest.BodyPublishers.ofString(forged))).statusCode()).isEqualTo(403);
    }

    @Test
    void exemptPrefixPasses() throws Exception {
        assertThat(browser.post("/hooks/github", "payload", "{}").statusCode()).isEqualTo(200);
        assertThat(browser.post("/hooksx", "payload", "{}").statusCode()).isEqualTo(403);
    }

    @Test
    void safeMethodsPass() throws Exception {
        assertThat(browser.get("/anything").statusCode()).isEqualTo(200);
    }
}
