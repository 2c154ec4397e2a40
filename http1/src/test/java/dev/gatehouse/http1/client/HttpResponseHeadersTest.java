package dev.gatehouse.http1.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import org.junit.jupiter.api.Test;

/** nginx's {@code proxy_redirect default}, as the Location rewrite of the mount. */
class HttpResponseHeadersTest {
    private static Environ environ(String scriptName, String host) {
        Environ env = new Environ();
        env.put(EnvironKeys.SCRIPT_NAME, scriptName);
        env.put(EnvironKeys.URL_SCHEME, "https");
        env.put(EnvironKeys.SERVER_NAME, "front.example");
        env.put(EnvironKeys.SERVER_PORT, "443");
        if (host != null) env.put("HTTP_HOST", host);
        return env;
    }

    private static String rewrite(String location, String target, Environ env) {
        return HttpResponseHeaders.rewriteLocation(location, env, HttpTarget.parse(target));
    }

    @Test
    void mapsTheBackendsPrefixOntoTheMount() {
        Environ env = environ("/app", "www.example");
        assertThat(rewrite("http://b:8081/v1/x?y=1", "http://b:8081/v1", env)).isEqualTo("https://www.example/app/x?y=1");
        assertThat(rewrite("http://b:8081/v1", "http://b:8081/v1", env)).isEqualTo("https://www.example/app");
        assertThat(rewrite("HTTP://B:8081/v1/x", "http://b:8081/v1", env)).isEqualTo("https://www.example/app/x");
        assertThat(rewrite("http://b:8081/x", "http://b:8081", env)).isEqualTo("https://www.example/app/x");
    }

    @Test
    void usesTheServerNameWithoutAHostHeaderAndARootMount() {
        assertThat(rewrite("http://b:8081/v1/x", "http://b:8081/v1", environ("", null))).isEqualTo("https://front.example/x");
        assertThat(rewrite("http://b:8081/v1?q", "http://b:8081/v1", environ("", null))).isEqualTo("https://front.example/?q");
    }

    @Test
    void leavesEverythingElseAlone() {
        Environ env = environ("/app", "www.example");
        assertThat(rewrite("http://b:8081/v10/x", "http://b:8081/v1", env)).isEqualTo("http://b:8081/v10/x");
        assertThat(rewrite("http://b:80811/v1/x", "http://b:8081/v1", env)).isEqualTo("http://b:80811/v1/x");
        assertThat(rewrite("https://b:8081/v1/x", "http://b:8081/v1", env)).isEqualTo("https://b:8081/v1/x");
        assertThat(rewrite("http://other/v1/x", "http://b:8081/v1", env)).isEqualTo("http://other/v1/x");
        assertThat(rewrite("/v1/x", "http://b:8081/v1", env)).isEqualTo("/v1/x");
    }
}
