package dev.gatehouse.fastcgi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Environ;
import dev.gatehouse.fastcgi.codec.FcgiException;
import dev.gatehouse.fastcgi.codec.FcgiRole;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SCRIPT_NAME / PATH_INFO as nginx and Apache send them, and the other params fixed up. */
class FcgiEnvironBuilderTest {
    private final FcgiEnvironBuilder builder = new FcgiEnvironBuilder("fallback", "9");

    private Environ build(Map<String, String> params) throws FcgiException {
        return build(params, FcgiRole.RESPONDER);
    }

    private Environ build(Map<String, String> params, FcgiRole role) throws FcgiException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("REQUEST_METHOD", "GET");
        all.putAll(params);
        return builder.build(all, role, new ByteArrayInputStream(new byte[0]), new PrintStream(PrintStream.nullOutputStream()));
    }

    @Test
    void nginxWithoutSplitPathInfoMountsTheAppAtTheRoot() throws Exception {
        Environ env = build(Map.of("SCRIPT_NAME", "/app/x y", "REQUEST_URI", "/app/x%20y?q=1"));
        assertThat(env.scriptName()).isEmpty();
        assertThat(env.pathInfo()).isEqualTo("/app/x y");
        assertThat(env.getString("REQUEST_URI")).isEqualTo("/app/x%20y?q=1");
    }

    @Test
    void nginxWithSplitPathInfoIsKept() throws Exception {
        Environ env = build(Map.of("SCRIPT_NAME", "/app", "PATH_INFO", "/x", "REQUEST_URI", "/app/x"));
        assertThat(env.scriptName()).isEqualTo("/app");
        assertThat(env.pathInfo()).isEqualTo("/x");
    }

    @Test
    void scriptNameEndingInASlashGivesItToPathInfo() throws Exception {
        Environ env = build(Map.of("SCRIPT_NAME", "/app/", "PATH_INFO", "x", "REQUEST_URI", "/app/x"));
        assertThat(env.scriptName()).isEqualTo("/app");
        assertThat(env.pathInfo()).isEqualTo("/x");
    }

    @Test
    void apachePathInfoLeftPercentEncodedIsDecodedAndScriptNameCut() throws Exception {
        // proxy-fcgi-pathinfo=1: PATH_INFO raw, so Apache could not cut it off SCRIPT_NAME
        Environ env = build(Map.of("SCRIPT_NAME", "/app/a b", "PATH_INFO", "/a%20b", "REQUEST_URI", "/app/a%20b"));
        assertThat(env.scriptName()).isEqualTo("/app");
        assertThat(env.pathInfo()).isEqualTo("/a b");
    }

    @Test
    void apacheWithoutPathInfoMountsTheAppAtTheRoot() throws Exception {
        Environ env = build(Map.of("SCRIPT_NAME", "/app/page", "REQUEST_URI", "/app/page"));
        assertThat(env.scriptName()).isEmpty();
        assertThat(env.pathInfo()).isEqualTo("/app/page");
    }

    @Test
    void authorizerPathComesFromRequestUri() throws Exception {
        Environ env = build(Map.of("REQUEST_URI", "/private/p%61ge?x", "CONTENT_LENGTH", "12"), FcgiRole.AUTHORIZER);
        assertThat(env.scriptName()).isEmpty();
        assertThat(env.pathInfo()).isEqualTo("/private/page");
        assertThat(env.containsKey("CONTENT_LENGTH")).isFalse();
        assertThat(env.getString("FCGI_ROLE")).isEqualTo("AUTHORIZER");
    }

    @Test
    void emptyContentVariablesAndTheirHttpDuplicatesAreRemoved() throws Exception {
        Environ env = build(Map.of("SCRIPT_NAME", "/", "CONTENT_TYPE", "", "CONTENT_LENGTH", "", "HTTP_CONTENT_LENGTH", "5",
                "HTTP_CONTENT_TYPE", "text/plain"));
        assertThat(env.keys()).doesNotContain("CONTENT_TYPE", "CONTENT_LENGTH", "HTTP_CONTENT_LENGTH", "HTTP_CONTENT_TYPE");
    }

    @Test
    void contentLengthMustBeDigits() {
        for (String bad : new String[] {"+5", "-1", "5 ", "\u0665", "0x10", "1234567890123456789"}) {
            assertThatThrownBy(() -> build(Map.of("SCRIPT_NAME", "/", "CONTENT_LENGTH", bad))).as(bad).isInstanceOf(FcgiException.class);
        }
    }

    @Test
    void httpsOnMakesTheSchemeHttps() throws Exception {
        assertThat(build(Map.of("SCRIPT_NAME", "/", "HTTPS", "on")).urlScheme()).isEqualTo("https");
        assertThat(build(Map.of("SCRIPT_NAME", "/")).urlScheme()).isEqualTo("http");
    }

    @Test
    void missingServerNameAndProtocolGetDefaults() throws Exception {
        Environ env = build(Map.of("SCRIPT_NAME", "/"));
        assertThat(env.getString("SERVER_NAME")).isEqualTo("fallback");
        assertThat(env.getString("SERVER_PORT")).isEqualTo("9");
        assertThat(env.getString("SERVER_PROTOCOL")).isEqualTo("HTTP/1.0");
        assertThat(env.queryString()).isEmpty();
    }
}
