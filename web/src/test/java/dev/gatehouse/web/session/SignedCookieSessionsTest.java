package dev.gatehouse.web.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Environ;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessions in signed cookies, through Http1Server and a real HTTP client with a cookie jar. */
class SignedCookieSessionsTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

    private final MutableClock clock = new MutableClock();
    private TestServer server;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(Sessions.signedCookies(KEY, SessionConfig.defaults().withClock(clock)).wrap(SessionTestApp.create()));
        browser = new Browser(server);
    }

    @AfterEach
    void stop() {
        browser.close();
        server.close();
    }

    @Test
    void persistsAcrossRequests() throws Exception {
        assertThat(browser.get("/inc").body()).startsWith("n=1 new=true");
        assertThat(browser.get("/inc").body()).startsWith("n=2 new=false");
        assertThat(browser.get("/get").body()).startsWith("n=2 new=false");
    }

    @Test
    void sendsCookieOnlyWhenTheSessionChanged() throws Exception {
        assertThat(browser.get("/get").headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(browser.get("/inc").headers().firstValue("Set-Cookie")).isPresent();
        assertThat(browser.get("/get").headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void cookieHasSafeAttributes() throws Exception {
        String setCookie = browser.get("/inc").headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("gh_session=").contains("; Path=/", "; HttpOnly", "; SameSite=Lax", "; Max-Age=604800")
                .doesNotContain("Secure");
    }

    @Test
    void tamperedCookieGivesNewSession() throws Exception {
        browser.get("/inc");
        String value = browser.cookie("gh_session");
        int dot = value.lastIndexOf('.');
        // the attack: keep the signature, change a value in the well-formed payload
        String payload = new String(Base64.getUrlDecoder().decode(value.substring(0, dot)), StandardCharsets.UTF_8);
        assertThat(payload).endsWith("n=1");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("n=1", "n=9").getBytes(StandardCharsets.UTF_8)) + value.substring(dot);
        browser.setCookie("gh_session", forged);
        assertThat(browser.get("/get").body()).startsWith("n=0 new=true");
    }

    @Test
    void truncatedCookieGivesNewSession() throws Exception {
        browser.get("/inc");
        String value = browser.cookie("gh_session");
        browser.setCookie("gh_session", value.substring(0, value.length() - 3));
        assertThat(browser.get("/get").body()).startsWith("n=0 new=true");
    }

    @Test
    void cookieSignedWithAnotherKeyGivesNewSession() throws Exception {
        String foreign = new SignedCookieCodec(OTHER_KEY).encode("someid", Map.of("n", "41"), clock.instant().plusSeconds(3600));
        browser.setCookie("gh_session", foreign);
        assertThat(browser.get("/get").body()).startsWith("n=0 new=true");
        // the same payload under our key is accepted: only the signature made the difference
        browser.setCookie("gh_session", new SignedCookieCodec(KEY).encode("someid", Map.of("n", "41"), clock.instant().plusSeconds(3600)));
        assertThat(browser.get("/get").body()).isEqualTo("n=41 new=false id=someid");
    }

    @Test
    void expiredCookieGivesNewSession() throws Exception {
        browser.get("/inc");
        clock.advance(SessionConfig.DEFAULT_MAX_AGE.plusSeconds(1));
        assertThat(browser.get("/get").body()).startsWith("n=0 new=true");
    }

    @Test
    void sessionPastHalfItsLifeIsRenewed() throws Exception {
        browser.get("/inc");
        clock.advance(Duration.ofDays(4));
        HttpResponse<String> renewed = browser.get("/get");
        assertThat(renewed.headers().firstValue("Set-Cookie")).isPresent();
        clock.advance(Duration.ofDays(4)); // 8 days after the first visit, 4 after the renewal
        assertThat(browser.get("/get").body()).startsWith("n=1 new=false");
    }

    @Test
    void oversizedSessionIsAClearError() throws Exception {
        HttpResponse<String> r = browser.get("/big");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("over the 4096-byte limit", "server-side SessionStore");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void regenerateChangesTheIdAndKeepsTheValues() throws Exception {
        browser.get("/inc");
        String before = browser.get("/get").body();
        String after = browser.get("/login").body();
        assertThat(id(after)).isNotEqualTo(id(before)).hasSize(SessionIds.LENGTH);
        assertThat(browser.get("/get").body()).isEqualTo("n=1 new=false id=" + id(after));
    }

    @Test
    void invalidateExpiresTheCookie() throws Exception {
        browser.get("/inc");
        HttpResponse<String> r = browser.get("/logout");
        assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("gh_session=;").contains("Max-Age=0");
        assertThat(browser.get("/get").body()).startsWith("n=0 new=true");
    }

    @Test
    void flashMessagesShowOnce() throws Exception {
        browser.get("/flash");
        assertThat(browser.get("/show").body()).endsWith("flashes=[Saved & done]");
        assertThat(browser.get("/show").body()).endsWith("flashes=[]");
    }

    @Test
    void rejectsShortKeys() {
        assertThatThrownBy(() -> Sessions.signedCookies(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void missingMiddlewareIsNamed() {
        assertThatThrownBy(() -> Session.of(new Environ()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Sessions middleware");
    }

    @Test
    void changeAfterTheHeadStartedIsAnError() {
        Session s = new Session("id", Map.of(), true, null);
        s.commit();
        assertThatThrownBy(() -> s.put("a", "b")).isInstanceOf(IllegalStateException.class).hasMessageContaining("after the response head");
    }

    @Test
    void codecRejectsExpiryEqualToNow() {
        SignedCookieCodec codec = new SignedCookieCodec(KEY);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        String v = codec.encode("id", Map.of("k", "v=&%"), now);
        assertThatThrownBy(() -> codec.decode(v, now)).hasMessageContaining("expired");
        assertThat(codec.decode(v, now.minusSeconds(1)).data()).containsEntry("k", "v=&%");
    }

    private static String id(String body) {
        return body.substring(body.indexOf("id=") + 3);
    }
}
