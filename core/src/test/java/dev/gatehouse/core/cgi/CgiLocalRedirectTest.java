package dev.gatehouse.core.cgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class CgiLocalRedirectTest {
    private static Environ post() {
        return new Environ().put(EnvironKeys.REQUEST_METHOD, "POST").put(EnvironKeys.SCRIPT_NAME, "/php")
                .put(EnvironKeys.PATH_INFO, "/form.php").put(EnvironKeys.CONTENT_LENGTH, "3").put(EnvironKeys.CONTENT_TYPE, "text/plain")
                .put(EnvironKeys.INPUT, new ByteArrayInputStream(new byte[] {1, 2, 3})).put("HTTP_COOKIE", "a=b");
    }

    @Test
    void becomesAGetForTheNewPathFromTheRootKeepingHeaders() throws Exception {
        Environ next = CgiLocalRedirect.environ(post(), "/php/done%20now.php?x=1", 10);
        assertThat(next.requestMethod()).isEqualTo("GET");
        assertThat(next.scriptName()).isEmpty();
        assertThat(next.pathInfo()).isEqualTo("/php/done now.php");
        assertThat(next.queryString()).isEqualTo("x=1");
        assertThat(next.getString(EnvironKeys.REQUEST_URI)).isEqualTo("/php/done%20now.php?x=1");
        assertThat(next.containsKey(EnvironKeys.CONTENT_LENGTH)).isFalse();
        assertThat(next.containsKey(EnvironKeys.CONTENT_TYPE)).isFalse();
        assertThat(next.input().read()).isEqualTo(-1);
        assertThat(next.getString("HTTP_COOKIE")).isEqualTo("a=b");
    }

    @Test
    void countsHopsAndStopsAtTheLimit() throws Exception {
        Environ env = post();
        for (int i = 0; i < 3; i++) env = CgiLocalRedirect.environ(env, "/loop", 3);
        Environ last = env;
        assertThatThrownBy(() -> CgiLocalRedirect.environ(last, "/loop", 3)).isInstanceOf(CgiResponseException.class)
                .hasMessageContaining("more than 3 CGI local redirects");
    }

    @Test
    void rejectsABadEscape() {
        assertThatThrownBy(() -> CgiLocalRedirect.environ(post(), "/a%zz", 3)).hasMessageContaining("malformed");
    }
}
