package dev.gatehouse.http1.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.core.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The request head built from an environ: target mapping, header names, forwarding headers, framing. */
class HttpEnvironEncoderTest {
    private static final HttpTarget BACKEND = HttpTarget.parse("http://10.0.0.5:8081/v1");

    private static Environ environ(String scriptName, String pathInfo, String requestUri) {
        Environ env = new Environ();
        env.put(EnvironKeys.REQUEST_METHOD, "GET");
        env.put(EnvironKeys.SCRIPT_NAME, scriptName);
        env.put(EnvironKeys.PATH_INFO, pathInfo);
        env.put(EnvironKeys.QUERY_STRING, "");
        env.put(EnvironKeys.SERVER_NAME, "front.example");
        env.put(EnvironKeys.SERVER_PORT, "8080");
        env.put(EnvironKeys.SERVER_PROTOCOL, "HTTP/1.1");
        env.put(EnvironKeys.REMOTE_ADDR, "192.0.2.7");
        env.put(EnvironKeys.URL_SCHEME, "http");
        env.put(EnvironKeys.INPUT_TERMINATED, Boolean.TRUE);
        if (requestUri != null) env.put(EnvironKeys.REQUEST_URI, requestUri);
        return env;
    }

    private static String head(Environ env) throws ProtocolException {
        return new String(HttpEnvironEncoder.encode(env, BACKEND).head(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void replacesTheMountWithThePrefixKeepingRawEscapes() {
        assertThat(HttpEnvironEncoder.requestTarget(environ("/app", "/a/b c", "/app/a%2Fb%20c?q"), BACKEND)).isEqualTo("/v1/a%2Fb%20c");
        assertThat(HttpEnvironEncoder.requestTarget(environ("/a%pp", "/x", "/a%25pp/x"), BACKEND)).isEqualTo("/v1/x");
        assertThat(HttpEnvironEncoder.requestTarget(environ("/app", "", "/app"), BACKEND)).isEqualTo("/v1");
        assertThat(HttpEnvironEncoder.requestTarget(environ("/app", "", "/app"), HttpTarget.parse("http://b:81"))).isEqualTo("/");
        assertThat(HttpEnvironEncoder.requestTarget(environ("", "/x", "http://front.example/x"), BACKEND)).isEqualTo("/v1/x");
    }

    @Test
    void encodesPathInfoWhenSomethingRewroteIt() {
        assertThat(HttpEnvironEncoder.requestTarget(environ("/app", "/new path", "/app/old"), BACKEND)).isEqualTo("/v1/new%20path");
        assertThat(HttpEnvironEncoder.requestTarget(environ("/app", "/caf\u00c3\u00a9", null), BACKEND)).isEqualTo("/v1/caf%C3%A9");
        assertThat(HttpEnvironEncoder.requestTarget(environ("/app", "/x#y", "/app/x#y"), BACKEND)).isEqualTo("/v1/x%23y");
    }

    @Test
    void keepsTheQueryAndEscapesWhatARequestTargetCannotHold() {
        Environ env = environ("/app", "/x", "/app/x?a=1&b=%41");
        env.put(EnvironKeys.QUERY_STRING, "a=1&b=%41");
        assertThat(HttpEnvironEncoder.requestTarget(env, BACKEND)).isEqualTo("/v1/x?a=1&b=%41");
        env.put(EnvironKeys.QUERY_STRING, "a b#\u00e9");
        assertThat(HttpEnvironEncoder.requestTarget(env, BACKEND)).isEqualTo("/v1/x?a%20b%23%E9");
    }

    @Test
    void turnsEnvironKeysBackIntoTitleCaseNames() {
        assertThat(HttpEnvironEncoder.headerName("ACCEPT_ENCODING")).isEqualTo("Accept-Encoding");
        assertThat(HttpEnvironEncoder.headerName("X_REQUESTED_WITH")).isEqualTo("X-Requested-With");
        assertThat(HttpEnvironEncoder.headerName("DNT")).isEqualTo("Dnt");
        assertThat(HttpEnvironEncoder.headerName("BAD NAME")).isNull();
    }

    @Test
    void writesTheHeadWithTheBackendsHostAndTheForwardingFields() throws Exception {
        Environ env = environ("/app", "/x", "/app/x");
        env.put("HTTP_HOST", "front.example:8080");
        env.put("HTTP_USER_AGENT", "test");
        env.put("HTTP_CONNECTION", "keep-alive, X-Hop");
        env.put("HTTP_X_HOP", "secret");
        env.put("HTTP_UPGRADE", "websocket");
        String head = head(env);
        assertThat(head).startsWith("GET /v1/x HTTP/1.1\r\nHost: 10.0.0.5:8081\r\n").endsWith("\r\n\r\n");
        assertThat(head).contains("\r\nUser-Agent: test\r\n", "\r\nX-Forwarded-For: 192.0.2.7\r\n", "\r\nX-Forwarded-Proto: http\r\n",
                "\r\nX-Forwarded-Host: front.example:8080\r\n", "\r\nForwarded: for=192.0.2.7;proto=http;host=\"front.example:8080\"\r\n",
                "\r\nVia: 1.1 gatehouse\r\n");
        assertThat(head).doesNotContain("Connection", "X-Hop", "Upgrade", "Content-Length", "Transfer-Encoding");
    }

    @Test
    void aListedForwardingHeaderIsReplacedNotAppended() throws Exception {
        Environ env = environ("/app", "/x", "/app/x");
        env.put("HTTP_CONNECTION", "X-Forwarded-For");
        env.put("HTTP_X_FORWARDED_FOR", "198.51.100.1");
        assertThat(head(env)).contains("\r\nX-Forwarded-For: 192.0.2.7\r\n").doesNotContain("198.51.100.1");
    }

    @Test
    void namesIpv6AndUnknownClientsAsRfc7239Asks() {
        assertThat(HttpEnvironEncoder.forwardedNode("2001:db8::17")).isEqualTo("\"[2001:db8::17]\"");
        assertThat(HttpEnvironEncoder.forwardedNode("0:0:0:0:0:0:0:1%lo")).isEqualTo("\"[0:0:0:0:0:0:0:1]\"");
        assertThat(HttpEnvironEncoder.forwardedNode("192.0.2.60")).isEqualTo("192.0.2.60");
        assertThat(HttpEnvironEncoder.forwardedNode("unix:")).isEqualTo("unknown");
        assertThat(HttpEnvironEncoder.forwardedNode(null)).isEqualTo("unknown");
        assertThat(HttpEnvironEncoder.forwardedValue("example.com")).isEqualTo("example.com");
        assertThat(HttpEnvironEncoder.forwardedValue("a\"b\\c:1")).isEqualTo("\"a\\\"b\\\\c:1\"");
    }

    @Test
    void framesTheBody() throws Exception {
        Environ sized = environ("/app", "/x", "/app/x");
        sized.put(EnvironKeys.REQUEST_METHOD, "PUT");
        sized.put(EnvironKeys.CONTENT_LENGTH, "12");
        sized.put(EnvironKeys.CONTENT_TYPE, "text/plain");
        assertThat(HttpEnvironEncoder.encode(sized, BACKEND).bodyLength()).isEqualTo(12);
        assertThat(head(sized)).startsWith("PUT ").contains("\r\nContent-Length: 12\r\n", "\r\nContent-Type: text/plain\r\n");

        Environ chunked = environ("/app", "/x", "/app/x");
        chunked.put(EnvironKeys.REQUEST_METHOD, "POST");
        chunked.put("HTTP_TRANSFER_ENCODING", "chunked");
        assertThat(HttpEnvironEncoder.encode(chunked, BACKEND).chunked()).isTrue();
        assertThat(head(chunked)).contains("\r\nTransfer-Encoding: chunked\r\n").doesNotContain("Content-Length");

        assertThat(HttpEnvironEncoder.encode(environ("/app", "/x", "/app/x"), BACKEND).bodyLength()).isZero();
    }

    @Test
    void refusesWhatCannotBeARequest() {
        Environ badMethod = environ("/app", "/x", "/app/x");
        badMethod.put(EnvironKeys.REQUEST_METHOD, "G T");
        assertThatThrownBy(() -> HttpEnvironEncoder.encode(badMethod, BACKEND)).isInstanceOf(ProtocolException.class);
        Environ badLength = environ("/app", "/x", "/app/x");
        badLength.put(EnvironKeys.CONTENT_LENGTH, "+5");
        assertThatThrownBy(() -> HttpEnvironEncoder.encode(badLength, BACKEND)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void leavesOutValuesWithLineBreaks() throws Exception {
        Environ env = environ("/app", "/x", "/app/x");
        env.put("HTTP_X_EVIL", "a\r\nInjected: 1");
        assertThat(head(env)).doesNotContain("Injected", "X-Evil");
    }
}
