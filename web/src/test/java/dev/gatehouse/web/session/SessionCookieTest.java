package dev.gatehouse.web.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import org.junit.jupiter.api.Test;

/** The cookie's attributes and how it is read back (pure functions of the environ). */
class SessionCookieTest {
    private final SessionCookie cookie = new SessionCookie(SessionConfig.defaults());

    @Test
    void secureWhenTheSchemeIsHttps() {
        Environ env = new Environ().put(EnvironKeys.URL_SCHEME, "https");
        assertThat(cookie.set(env, "v")).endsWith("; Secure");
        assertThat(cookie.set(new Environ(), "v")).doesNotContain("Secure");
        SessionCookie always = new SessionCookie(SessionConfig.defaults().withSecure(SessionConfig.SecureMode.ALWAYS));
        assertThat(always.set(new Environ(), "v")).endsWith("; Secure");
    }

    @Test
    void pathIsTheScriptNameOrSlash() {
        assertThat(cookie.set(new Environ().put(EnvironKeys.SCRIPT_NAME, "/app;x"), "v")).contains("; Path=/app%3Bx;");
        assertThat(cookie.set(new Environ(), "v")).contains("; Path=/;");
        SessionCookie fixed = new SessionCookie(SessionConfig.defaults().withPath("/shop"));
        assertThat(fixed.set(new Environ().put(EnvironKeys.SCRIPT_NAME, "/app"), "v")).contains("; Path=/shop;");
    }

    @Test
    void readsEveryValueUnderItsName() {
        Environ env = new Environ().put("HTTP_COOKIE", "a=1; gh_session=first; gh_session=\"second\"; gh_sessionx=3");
        assertThat(cookie.values(env)).containsExactly("first", "second");
        assertThat(cookie.values(new Environ())).isEmpty();
    }
}
