package dev.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironTest {
    private final Environ environ = new Environ();

    @Test
    void findsRequestHeadersByTheirFieldName() {
        environ.put("HTTP_HOST", "example.org").put("HTTP_X_FORWARDED_FOR", "10.0.0.1")
                .put("CONTENT_TYPE", "text/plain").put("CONTENT_LENGTH", "3");

        assertThat(environ.header("Host")).isEqualTo("example.org");
        assertThat(environ.header("x-forwarded-for")).isEqualTo("10.0.0.1");
        assertThat(environ.header("Content-Type")).isEqualTo("text/plain");
        assertThat(environ.header("content-length")).isEqualTo("3");
        assertThat(environ.header("Accept")).isNull();
    }

    @Test
    void looksUpContentTypeOnlyUnderItsCgiName() {
        environ.put("HTTP_CONTENT_TYPE", "misplaced");
        assertThat(environ.header("Content-Type")).isNull();
    }

    @Test
    void readsTheDeclaredContentLength() {
        assertThat(environ.contentLength()).isEqualTo(-1);
        assertThat(environ.put("CONTENT_LENGTH", "0").contentLength()).isZero();
        assertThat(environ.put("CONTENT_LENGTH", "1024").contentLength()).isEqualTo(1024);
        assertThat(environ.put("CONTENT_LENGTH", "007").contentLength()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+5", "-1", " 5", "5 ", "0x10", "1e3", "\u0661", "\uff15", "1234567890123456789"})
    void treatsAMalformedContentLengthAsNone(String value) {
        assertThat(environ.put("CONTENT_LENGTH", value).contentLength()).isEqualTo(-1);
    }

    @Test
    void decodesPathInfoAndScriptNameAsUtf8() {
        environ.put("PATH_INFO", "/caf\u00c3\u00a9").put("SCRIPT_NAME", "/\u00e2\u0082\u00ac");

        assertThat(environ.pathInfo()).isEqualTo("/caf\u00c3\u00a9");
        assertThat(environ.decodedPathInfo()).isEqualTo("/caf\u00e9");
        assertThat(environ.decodedScriptName()).isEqualTo("/\u20ac");
    }

    @Test
    void leavesAsciiPathInfoAsItIs() {
        String path = "/plain/ascii";
        assertThat(environ.put("PATH_INFO", path).decodedPathInfo()).isSameAs(path);
    }

    @Test
    void replacesInvalidUtf8InThePath() {
        assertThat(environ.put("PATH_INFO", "/\u00ff").decodedPathInfo()).isEqualTo("/\ufffd");
    }

    @Test
    void fallsBackToCgiDefaults() {
        assertThat(environ.requestMethod()).isEqualTo("GET");
        assertThat(environ.scriptName()).isEmpty();
        assertThat(environ.pathInfo()).isEmpty();
        assertThat(environ.queryString()).isEmpty();
        assertThat(environ.contentType()).isNull();
        assertThat(environ.urlScheme()).isEqualTo("http");
        assertThat(environ.errors()).isSameAs(System.err);
    }

    @Test
    void givesAnEmptyInputWhenNoneIsSet() throws Exception {
        assertThat(environ.input().read()).isEqualTo(-1);
        ByteArrayInputStream body = new ByteArrayInputStream(new byte[] {1});
        assertThat(environ.put(EnvironKeys.INPUT, body).input()).isSameAs(body);
    }

    @Test
    void typedAccessorsIgnoreValuesOfAnotherType() {
        environ.put("SERVER_PORT", 8080).put("gateway.multithread", "true");

        assertThat(environ.getString("SERVER_PORT")).isNull();
        assertThat(environ.getString("SERVER_PORT", "80")).isEqualTo("80");
        assertThat(environ.getBoolean("gateway.multithread")).isFalse();
        assertThat(environ.put("gateway.multithread", true).getBoolean("gateway.multithread")).isTrue();
    }

    @Test
    void puttingNullRemovesTheKey() {
        environ.put("QUERY_STRING", "a=1").put("QUERY_STRING", null);
        assertThat(environ.containsKey("QUERY_STRING")).isFalse();
    }

    @Test
    void copyIsShallowAndIndependent() {
        Object shared = new Object();
        environ.put("PATH_INFO", "/a").put("thing.shared", shared);
        Environ copy = environ.copy();
        copy.put("PATH_INFO", "/b");

        assertThat(environ.pathInfo()).isEqualTo("/a");
        assertThat(copy.get("thing.shared")).isSameAs(shared);
    }

    @Test
    void mapViewIsReadOnly() {
        assertThatThrownBy(() -> environ.asMap().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rebuildsTheRequestUrlFromTheHostHeader() {
        environ.put("HTTP_HOST", "example.org:8443").put("SCRIPT_NAME", "/app").put("PATH_INFO", "/a b")
                .put("QUERY_STRING", "x=1&y=%20").put(EnvironKeys.URL_SCHEME, "https");

        assertThat(environ.requestUrl()).isEqualTo("https://example.org:8443/app/a%20b?x=1&y=%20");
    }

    @Test
    void rebuildsTheRequestUrlFromServerNameAndPort() {
        environ.put("SERVER_NAME", "example.org").put("SERVER_PORT", "80").put("PATH_INFO", "/");
        assertThat(environ.requestUrl()).isEqualTo("http://example.org/");

        environ.put("SERVER_PORT", "8080");
        assertThat(environ.requestUrl()).isEqualTo("http://example.org:8080/");

        environ.put(EnvironKeys.URL_SCHEME, "https").put("SERVER_PORT", "443");
        assertThat(environ.requestUrl()).isEqualTo("https://example.org/");

        environ.put("SERVER_PORT", "80");
        assertThat(environ.requestUrl()).isEqualTo("https://example.org:80/");
    }
}
