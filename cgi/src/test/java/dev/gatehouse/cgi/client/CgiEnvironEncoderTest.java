package dev.gatehouse.cgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CgiEnvironEncoderTest {
    private static final Path DIR = Path.of("/srv/cgi-bin");
    private static final Path DOCROOT = Path.of("/srv/www");

    private static Environ request() {
        Environ env = new Environ();
        env.put(EnvironKeys.REQUEST_METHOD, "GET");
        env.put(EnvironKeys.SCRIPT_NAME, "/cgi-bin");
        env.put(EnvironKeys.PATH_INFO, "/env.sh/x y");
        env.put(EnvironKeys.QUERY_STRING, "a=1");
        env.put(EnvironKeys.REQUEST_URI, "/cgi-bin/env.sh/x%20y?a=1");
        env.put(EnvironKeys.SERVER_NAME, "example.org");
        env.put(EnvironKeys.SERVER_PORT, "8080");
        env.put(EnvironKeys.SERVER_PROTOCOL, "HTTP/1.1");
        env.put(EnvironKeys.REMOTE_ADDR, "192.0.2.1");
        env.put("HTTP_HOST", "example.org:8080");
        env.put("HTTP_PROXY", "http://evil/");
        env.put("HTTP_AUTHORIZATION", "Basic eA==");
        env.put("HTTP_PROXY_AUTHORIZATION", "Basic eQ==");
        env.put("HTTP_X_NUL", "a\0b");
        env.put(EnvironKeys.URL_SCHEME, "http");
        env.put("gateway.something", "not a CGI variable");
        return env;
    }

    private static Map<String, String> encode(Environ environ, CgiClientConfig config) {
        CgiScript script = new CgiScript("/env.sh", "/x y", DIR.resolve("env.sh"), DIR.resolve("env.sh"), false);
        return CgiEnvironEncoder.environment(environ, script, DIR, DOCROOT, config, -1);
    }

    @Test
    void givesTheMetaVariablesAsApacheDoes() {
        Map<String, String> env = encode(request(), CgiClientConfig.defaults());
        assertThat(env).containsEntry("GATEWAY_INTERFACE", "CGI/1.1").containsEntry("SERVER_SOFTWARE", "Gatehouse")
                .containsEntry("SCRIPT_NAME", "/cgi-bin/env.sh").containsEntry("PATH_INFO", "/x y")
                .containsEntry("PATH_TRANSLATED", "/srv/www/x y").containsEntry("SCRIPT_FILENAME", "/srv/cgi-bin/env.sh")
                .containsEntry("DOCUMENT_ROOT", "/srv/www").containsEntry("CONTEXT_PREFIX", "/cgi-bin")
                .containsEntry("CONTEXT_DOCUMENT_ROOT", "/srv/cgi-bin").containsEntry("QUERY_STRING", "a=1")
                .containsEntry("REQUEST_SCHEME", "http").containsEntry("PATH", CgiClientConfig.DEFAULT_PATH)
                .doesNotContainKeys("CONTENT_LENGTH", "DOCUMENT_URI", "gateway.something", "HTTP_X_NUL");
    }

    @Test
    void leavesOutHttpoxyAndCredentialsUnlessAsked() {
        assertThat(encode(request(), CgiClientConfig.defaults())).doesNotContainKeys("HTTP_PROXY", "HTTP_AUTHORIZATION", "HTTP_PROXY_AUTHORIZATION");
        assertThat(encode(request(), CgiClientConfig.defaults().withPassAuthorization(true))).containsEntry("HTTP_AUTHORIZATION", "Basic eA==")
                .doesNotContainKeys("HTTP_PROXY", "HTTP_PROXY_AUTHORIZATION");
    }

    @Test
    void leavesOutPathInfoAndPathTranslatedWithoutARest() {
        CgiScript script = new CgiScript("/env.sh", "", DIR.resolve("env.sh"), DIR.resolve("env.sh"), false);
        Map<String, String> env = CgiEnvironEncoder.environment(request(), script, DIR, Path.of("/"), CgiClientConfig.defaults(), 0);
        assertThat(env).doesNotContainKeys("PATH_INFO", "PATH_TRANSLATED").containsEntry("CONTENT_LENGTH", "0");
        CgiScript rooted = new CgiScript("/env.sh", "/p", DIR.resolve("env.sh"), DIR.resolve("env.sh"), false);
        assertThat(CgiEnvironEncoder.environment(request(), rooted, DIR, Path.of("/"), CgiClientConfig.defaults(), 0)).containsEntry("PATH_TRANSLATED", "/p");
    }

    @Test
    void keepsTheConfiguredPathAndBaseVariables() {
        Environ environ = request();
        environ.put("PATH", "/evil");
        CgiClientConfig config = CgiClientConfig.defaults().withBaseEnvironment(Map.of("PATH", "/opt/bin", "TZ", "UTC"));
        assertThat(encode(environ, config)).containsEntry("PATH", "/opt/bin").containsEntry("TZ", "UTC");
    }

    @Test
    void passesFileNamesAsTheirUtf8Bytes() {
        assertThat(CgiEnvironEncoder.bytes(Path.of("/srv/caf\u00e9"))).isEqualTo("/srv/caf\u00c3\u00a9");
    }
}
