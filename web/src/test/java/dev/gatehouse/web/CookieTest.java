package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CookieTest {

    @Test
    void everyAttributeGoesOutOverTheWire() throws Exception {
        Cookie full = Cookie.of("id", "a1b2").withPath("/app").withDomain("example.org").withMaxAge(Duration.ofHours(1))
                .withExpires(Instant.parse("2030-01-02T03:04:05Z")).withSecure(true).withSameSite(Cookie.SameSite.STRICT);
        WebApp app = new WebApp().get("/", req -> {
            req.response().cookie(full).cookie(Cookie.of("lax", "1").withHttpOnly(false).withSameSite(Cookie.SameSite.LAX))
                    .cookie(Cookie.deleting("old"));
            return "ok";
        });
        try (LiveServer server = new LiveServer(app)) {
            HttpResponse<String> r = server.get("/");
            assertThat(r.headers().allValues("Set-Cookie")).containsExactly(
                    "id=a1b2; Path=/app; Domain=example.org; Max-Age=3600; Expires=Wed, 2 Jan 2030 03:04:05 GMT; Secure; HttpOnly; SameSite=Strict",
                    "lax=1; Path=/; SameSite=Lax",
                    "old=; Path=/; Max-Age=0; Expires=Thu, 1 Jan 1970 00:00:00 GMT; HttpOnly");
        }
    }

    @Test
    void sameSiteNoneImpliesSecure() {
        assertThat(Cookie.of("x", "1").withSameSite(Cookie.SameSite.NONE).toHeaderValue()).isEqualTo("x=1; Path=/; Secure; HttpOnly; SameSite=None");
        assertThatThrownBy(() -> new Cookie("x", "1", null, null, null, null, false, false, Cookie.SameSite.NONE))
                .hasMessageContaining("SameSite=None needs Secure");
    }

    @Test
    void namesAndValuesAreValidatedPerRfc6265() {
        assertThatThrownBy(() -> Cookie.of("bad name", "v")).hasMessageContaining("token");
        assertThatThrownBy(() -> Cookie.of("", "v")).hasMessageContaining("token");
        assertThatThrownBy(() -> Cookie.of("n", "a;b")).hasMessageContaining("RFC 6265 forbids");
        assertThatThrownBy(() -> Cookie.of("n", "a b")).hasMessageContaining("RFC 6265 forbids");
        assertThatThrownBy(() -> Cookie.of("n", "é")).hasMessageContaining("RFC 6265 forbids");
        assertThatThrownBy(() -> Cookie.of("n", "v").withPath("/a;Secure")).hasMessageContaining("Path");
        assertThat(Cookie.of("n", "\"quoted\"").toHeaderValue()).startsWith("n=\"quoted\"");
    }
}
