package dev.gatehouse.core.cgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.core.ProtocolException;
import org.junit.jupiter.api.Test;

class ServerVariablesTest {
    /** What nginx's stock fastcgi_params / uwsgi_params send for a GET without a body. */
    private static Environ nginxGet() {
        return new Environ().put("REQUEST_METHOD", "GET").put("QUERY_STRING", "").put("CONTENT_TYPE", "").put("CONTENT_LENGTH", "")
                .put("REQUEST_URI", "/caf%C3%A9/a%20b?x=1").put("SERVER_PROTOCOL", "HTTP/1.1").put("REQUEST_SCHEME", "http")
                .put("SERVER_NAME", "localhost").put("HTTP_HOST", "127.0.0.1");
    }

    private static void check(String contentLength) throws ProtocolException {
        ServerVariables.checkContentLength(contentLength, message -> new ProtocolException(400, message));
    }

    @Test
    void defaultsFillOnlyWhatIsMissing() {
        Environ env = nginxGet().put("QUERY_STRING", null);
        ServerVariables.putDefaults(env, "127.0.0.1", "9000");
        assertThat(env.queryString()).isEmpty();
        assertThat(env.getString("SERVER_PROTOCOL")).isEqualTo("HTTP/1.1");
        assertThat(env.getString("SERVER_NAME")).isEqualTo("localhost");
        assertThat(env.getString("SERVER_PORT")).isEqualTo("9000");
        Environ minimal = new Environ().put("REQUEST_METHOD", "GET");
        ServerVariables.putDefaults(minimal, "127.0.0.1", "9000");
        assertThat(minimal.getString("SERVER_PROTOCOL")).isEqualTo("HTTP/1.0");
        assertThat(minimal.getString("SERVER_NAME")).isEqualTo("127.0.0.1");
    }

    @Test
    void theHttpCopiesOfTheContentHeadersAreRemoved() {
        Environ env = nginxGet().put("CONTENT_LENGTH", "5").put("CONTENT_TYPE", "text/x").put("HTTP_CONTENT_LENGTH", "5")
                .put("HTTP_CONTENT_TYPE", "text/x");
        ServerVariables.removeContentHeaderCopies(env);
        assertThat(env.keys()).doesNotContain("HTTP_CONTENT_LENGTH", "HTTP_CONTENT_TYPE").contains("CONTENT_LENGTH", "CONTENT_TYPE", "HTTP_HOST");
    }

    @Test
    void nginxsEmptyContentVariablesAreRemovedAndOthersKept() {
        Environ env = nginxGet();
        ServerVariables.removeIfEmpty(env, EnvironKeys.CONTENT_TYPE);
        ServerVariables.removeIfEmpty(env, EnvironKeys.CONTENT_LENGTH);
        ServerVariables.removeIfEmpty(env, "ABSENT");
        assertThat(env.keys()).doesNotContain("CONTENT_TYPE", "CONTENT_LENGTH");
        Environ post = nginxGet().put("CONTENT_LENGTH", "0");
        ServerVariables.removeIfEmpty(post, EnvironKeys.CONTENT_LENGTH);
        assertThat(post.getString("CONTENT_LENGTH")).isEqualTo("0");
    }

    @Test
    void contentLengthIsAsciiDigitsOnly() {
        for (String good : new String[] {null, "0", "5", "007", "999999999999999999"}) {
            assertThatCode(() -> check(good)).as(good).doesNotThrowAnyException();
        }
        for (String bad : new String[] {"+5", "-1", "5 ", " 5", "\u0665", "0x10", "1e3"}) {
            assertThatThrownBy(() -> check(bad)).as(bad).isInstanceOf(ProtocolException.class)
                    .hasMessage("CONTENT_LENGTH is not a number: " + bad);
        }
    }

    @Test
    void contentLengthHasAtMostEighteenDigitsSoItFitsALong() {
        assertThatThrownBy(() -> check("1234567890123456789")).isInstanceOf(ProtocolException.class)
                .hasMessage("CONTENT_LENGTH out of range: 1234567890123456789");
        assertThatThrownBy(() -> check("+23456789012345678x")).hasMessage("CONTENT_LENGTH out of range: +23456789012345678x");
    }

    @Test
    void theExceptionIsTheOneTheAdapterMakes() {
        class AdapterException extends Exception {
            AdapterException(String message) {
                super(message);
            }
        }
        assertThatThrownBy(() -> ServerVariables.checkContentLength("x", AdapterException::new)).isInstanceOf(AdapterException.class)
                .hasMessage("CONTENT_LENGTH is not a number: x");
    }

    @Test
    void httpsOnOrOneOrAnHttpsRequestSchemeMeansHttps() {
        assertThat(ServerVariables.scheme(nginxGet())).isEqualTo("http");
        assertThat(ServerVariables.scheme(nginxGet().put("HTTPS", "on"))).isEqualTo("https");
        assertThat(ServerVariables.scheme(nginxGet().put("HTTPS", "ON"))).isEqualTo("https");
        assertThat(ServerVariables.scheme(nginxGet().put("HTTPS", "1"))).isEqualTo("https");
        assertThat(ServerVariables.scheme(nginxGet().put("REQUEST_SCHEME", "https"))).isEqualTo("https");
        assertThat(ServerVariables.scheme(nginxGet().put("HTTPS", "off"))).isEqualTo("http");
        assertThat(ServerVariables.scheme(nginxGet().put("HTTPS", "yes"))).as("only the CGI adapter takes yes").isEqualTo("http");
        assertThat(ServerVariables.scheme(new Environ())).isEqualTo("http");
    }

    @Test
    void aProtocolMayNameTheSchemeInItsOwnVariable() {
        assertThat(ServerVariables.scheme(nginxGet(), "https")).isEqualTo("https");
        assertThat(ServerVariables.scheme(nginxGet().put("HTTPS", "on"), "http")).isEqualTo("https");
        assertThat(ServerVariables.scheme(nginxGet().put("REQUEST_SCHEME", "https"), "")).isEqualTo("http");
    }

    @Test
    void theRequestUriPathIsDecodedWithoutTheQuery() {
        String[][] decoded = {{"/caf%C3%A9/a%20b?x=1", "/caf\u00c3\u00a9/a b"}, {"/private/p%61ge?x", "/private/page"}, {"/p?q=%zz", "/p"},
                {"*", "*"}};
        for (String[] c : decoded) assertThat(ServerVariables.requestUriPath(c[0])).as(c[0]).isEqualTo(c[1]);
    }

    @Test
    void noRequestUriPathWhenThereIsNoneOrItDoesNotDecode() {
        for (String none : new String[] {null, "", "/bad%zz", "/cut%2"}) assertThat(ServerVariables.requestUriPath(none)).as(none).isNull();
    }
}
