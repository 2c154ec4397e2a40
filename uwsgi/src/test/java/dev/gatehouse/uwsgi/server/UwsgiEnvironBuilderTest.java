package dev.gatehouse.uwsgi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Environ;
import dev.gatehouse.uwsgi.codec.UwsgiException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UwsgiEnvironBuilderTest {
    private final UwsgiEnvironBuilder builder = new UwsgiEnvironBuilder("127.0.0.1", "3031");

    /** What nginx's stock uwsgi_params sends for {@code GET uri}: PATH_INFO is the decoded path ($document_uri). */
    private static Map<String, String> nginx(String uri) {
        Map<String, String> v = new LinkedHashMap<>();
        int q = uri.indexOf('?');
        v.put("QUERY_STRING", q < 0 ? "" : uri.substring(q + 1));
        v.put("REQUEST_METHOD", "GET");
        v.put("CONTENT_TYPE", "");
        v.put("CONTENT_LENGTH", "");
        v.put("REQUEST_URI", uri);
        v.put("PATH_INFO", dev.gatehouse.api.PathCodec.decode(q < 0 ? uri : uri.substring(0, q)));
        v.put("SERVER_PROTOCOL", "HTTP/1.1");
        v.put("REQUEST_SCHEME", "http");
        return v;
    }

    private static Map<String, String> with(Map<String, String> vars, String key, String value) {
        vars.put(key, value);
        return vars;
    }

    private Environ build(Map<String, String> vars) throws UwsgiException {
        return builder.build(vars, false);
    }

    @Test
    void stockNginxParamsMountTheAppAtTheRoot() throws UwsgiException {
        Environ env = build(nginx("/a%20b/c?x=1"));
        assertThat(env.scriptName()).isEmpty();
        assertThat(env.pathInfo()).isEqualTo("/a b/c");
        assertThat(env.queryString()).isEqualTo("x=1");
        assertThat(env.getString("REQUEST_URI")).isEqualTo("/a%20b/c?x=1");
    }

    @Test
    void aScriptNameTheUserSetIsRemovedFromTheFrontOfPathInfo() throws UwsgiException {
        Environ env = build(with(nginx("/app/x/y"), "SCRIPT_NAME", "/app"));
        assertThat(env.scriptName()).isEqualTo("/app");
        assertThat(env.pathInfo()).isEqualTo("/x/y");
    }

    @Test
    void theMountItselfHasAnEmptyPathInfo() throws UwsgiException {
        Environ env = build(with(nginx("/app"), "SCRIPT_NAME", "/app"));
        assertThat(env.scriptName()).isEqualTo("/app");
        assertThat(env.pathInfo()).isEmpty();
    }

    @Test
    void aTrailingSlashOnScriptNameMovesToPathInfo() throws UwsgiException {
        Environ env = build(with(nginx("/app/x"), "SCRIPT_NAME", "/app/"));
        assertThat(env.scriptName()).isEqualTo("/app");
        assertThat(env.pathInfo()).isEqualTo("/x");
    }

    @Test
    void scriptNameIsOnlyStrippedAtASegmentBoundary() throws UwsgiException {
        Environ env = build(with(nginx("/application"), "SCRIPT_NAME", "/app"));
        assertThat(env.scriptName()).isEqualTo("/app");
        assertThat(env.pathInfo()).isEqualTo("/application");
    }

    @Test
    void anApacheSplitIsKeptEvenWhenPathInfoStartsWithScriptName() throws UwsgiException {
        // ProxyPass "/app" "uwsgi://.../": a request for /app/app/x comes as SCRIPT_NAME=/app, PATH_INFO=/app/x
        Map<String, String> v = nginx("/app/app/x");
        v.put("SCRIPT_NAME", "/app");
        v.put("PATH_INFO", "/app/x");
        Environ env = build(v);
        assertThat(env.scriptName()).isEqualTo("/app");
        assertThat(env.pathInfo()).isEqualTo("/app/x");
    }

    @Test
    void nginxNormalisedPathsStillLoseTheirScriptName() throws UwsgiException {
        // $document_uri merges slashes: REQUEST_URI /app//x arrives as PATH_INFO /app/x
        Map<String, String> v = with(nginx("/app//x"), "SCRIPT_NAME", "/app");
        v.put("PATH_INFO", "/app/x");
        Environ env = build(v);
        assertThat(env.scriptName()).isEqualTo("/app");
        assertThat(env.pathInfo()).isEqualTo("/x");
    }

    @Test
    void modifier30RemovesScriptNameWhateverRequestUriSays() throws UwsgiException {
        Map<String, String> v = with(nginx("/app/app/x"), "SCRIPT_NAME", "/app");
        v.put("PATH_INFO", "/app/x"); // the web server says: PATH_INFO still holds SCRIPT_NAME
        Environ env = builder.build(v, true);
        assertThat(env.scriptName()).isEqualTo("/app");
        assertThat(env.pathInfo()).isEqualTo("/x");
    }

    @Test
    void modifier30WithAScriptNameThatIsNotAPrefixMountsAtTheRoot() throws UwsgiException {
        Environ env = builder.build(with(nginx("/other/x"), "SCRIPT_NAME", "/app"), true);
        assertThat(env.scriptName()).isEmpty();
        assertThat(env.pathInfo()).isEqualTo("/other/x");
    }

    @Test
    void withoutPathInfoTheDecodedRequestUriPathIsUsed() throws UwsgiException {
        Map<String, String> v = nginx("/app/caf%C3%A9?q");
        v.remove("PATH_INFO");
        v.put("SCRIPT_NAME", "/app");
        Environ env = build(v);
        assertThat(env.scriptName()).isEqualTo("/app");
        assertThat(env.pathInfo()).isEqualTo("/caf\u00c3\u00a9");
    }

    @Test
    void emptyContentVariablesAreRemovedAndHttpCopiesDropped() throws UwsgiException {
        Map<String, String> v = nginx("/");
        v.put("HTTP_CONTENT_LENGTH", "5");
        v.put("HTTP_CONTENT_TYPE", "text/plain");
        Environ env = build(v);
        assertThat(env.keys()).doesNotContain("CONTENT_LENGTH", "CONTENT_TYPE", "HTTP_CONTENT_LENGTH", "HTTP_CONTENT_TYPE");
        assertThat(UwsgiEnvironBuilder.contentLength(env)).isZero();
    }

    @Test
    void contentLengthMustBeDigits() {
        for (String bad : new String[] {"+5", "-1", " 5", "5 ", "0x10", "\u0665", "1234567890123456789"}) {
            Map<String, String> v = with(nginx("/"), "CONTENT_LENGTH", bad);
            assertThatThrownBy(() -> build(v)).as(bad).isInstanceOf(UwsgiException.class).hasMessageContaining("CONTENT_LENGTH");
        }
    }

    @Test
    void contentLengthIsTheBodyLength() throws UwsgiException {
        Environ env = build(with(nginx("/"), "CONTENT_LENGTH", "123456789012"));
        assertThat(UwsgiEnvironBuilder.contentLength(env)).isEqualTo(123456789012L);
    }

    @Test
    void aRequestMethodIsRequired() {
        Map<String, String> v = nginx("/");
        v.remove("REQUEST_METHOD");
        assertThatThrownBy(() -> build(v)).isInstanceOf(UwsgiException.class).hasMessageContaining("no REQUEST_METHOD");
    }

    @Test
    void missingServerVariablesGetDefaults() throws UwsgiException {
        Environ env = build(Map.of("REQUEST_METHOD", "GET"));
        assertThat(env.queryString()).isEmpty();
        assertThat(env.getString("SERVER_PROTOCOL")).isEqualTo("HTTP/1.0");
        assertThat(env.getString("SERVER_NAME")).isEqualTo("127.0.0.1");
        assertThat(env.getString("SERVER_PORT")).isEqualTo("3031");
        assertThat(env.scriptName()).isEmpty();
        assertThat(env.pathInfo()).isEmpty();
    }

    @Test
    void theSchemeComesFromHttpsOrTheSchemeVariables() throws UwsgiException {
        assertThat(UwsgiEnvironBuilder.scheme(build(nginx("/")))).isEqualTo("http");
        assertThat(UwsgiEnvironBuilder.scheme(build(with(nginx("/"), "HTTPS", "on")))).isEqualTo("https");
        assertThat(UwsgiEnvironBuilder.scheme(build(with(nginx("/"), "HTTPS", "1")))).isEqualTo("https");
        assertThat(UwsgiEnvironBuilder.scheme(build(with(nginx("/"), "REQUEST_SCHEME", "https")))).isEqualTo("https");
        assertThat(UwsgiEnvironBuilder.scheme(build(with(nginx("/"), "UWSGI_SCHEME", "https")))).isEqualTo("https");
        assertThat(UwsgiEnvironBuilder.scheme(build(with(nginx("/"), "HTTPS", "off")))).isEqualTo("http");
    }
}
