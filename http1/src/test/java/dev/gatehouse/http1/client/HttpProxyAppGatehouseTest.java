package dev.gatehouse.http1.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;
import dev.gatehouse.testkit.EnvironLines;
import dev.gatehouse.testkit.FixtureApps;
import dev.gatehouse.testkit.FixtureLedger;
import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gatehouse in front of Gatehouse: the {@code http://} mount forwarding to another Gatehouse
 * HTTP server (over TCP and over a Unix socket) that runs the Validator-wrapped fixture apps, for
 * uploads with and without a length, streamed and large responses, and the environ the backend
 * app sees.
 */
class HttpProxyAppGatehouseTest {
    private static final Map<String, Application> FIXTURES = Map.of(
            "/echo", FixtureApps.echoBody(),
            "/streamed", FixtureApps.streamed(),
            "/large", FixtureApps.largeStreamedBody(),
            "/large-sized", FixtureApps.largeBody(),
            "/environ", FixtureApps.environ(),
            "/no-content", FixtureApps.noContent(),
            "/head-aware", FixtureApps.headAware());

    private Http1Server backend;
    private HttpProxyApp proxy;
    private ProxyFront front;

    @BeforeEach
    void start() throws IOException {
        FixtureLedger.reset();
        backend = new Http1Server(HttpProxyAppGatehouseTest::route, Http1Config.defaults());
        backend.listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        proxy = new HttpProxyApp(HttpTarget.parse("http://127.0.0.1:" + backend.addresses().get(0).port()), HttpClientConfig.defaults());
        front = ProxyFront.start("/app", proxy);
    }

    @AfterEach
    void stop() {
        front.close();
        proxy.close();
        backend.shutdown();
        assertThat(front.proxyViolations()).isEmpty();
        assertThat(FixtureLedger.serverViolations()).isEmpty();
        assertThat(FixtureLedger.unclosedBodies()).isZero();
    }

    private static Body route(dev.gatehouse.api.Environ environ, dev.gatehouse.api.StartResponse start) throws Exception {
        Application fixture = FIXTURES.get(environ.pathInfo());
        if (fixture != null) return fixture.call(environ, start);
        start.start(Status.NOT_FOUND, List.of(Header.of("Content-Type", "text/plain"), Header.of("Content-Length", "0")));
        return Body.empty();
    }

    @Test
    void echoesAnUploadWithAContentLength() throws Exception {
        byte[] body = FixtureApps.largeBodyContent();
        HttpResponse<byte[]> r = front.client().send(front.request("/app/echo").header("Content-Type", "application/x-test")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-test");
        assertThat(r.body()).isEqualTo(body);
    }

    @Test
    void echoesAChunkedUpload() throws Exception {
        byte[] body = FixtureApps.largeBodyContent();
        HttpResponse<byte[]> r = front.client().send(front.request("/app/echo")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(), // no length: chunked
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(body);
    }

    @Test
    void echoesAChunkedUploadSentPieceByPiece() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(front.address())) {
            client.send("POST /app/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n");
            client.sendPieces(List.of("5\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII), "1\r\n \r\n".getBytes(StandardCharsets.US_ASCII),
                    "5\r\nworld\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), java.time.Duration.ofMillis(20));
            RawResponse r = client.readFinalResponse();
            assertThat(r.bodyText()).isEqualTo("hello world");
            assertThat(r.header("Content-Length")).isEqualTo("11");
        }
    }

    @Test
    void streamsAResponseWithoutLength() throws Exception {
        HttpResponse<String> r = front.get("/app/streamed");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(FixtureApps.STREAMED_TEXT);
        assertThat(r.headers().firstValue("Content-Length")).isEmpty();
    }

    @Test
    void streamsLargeResponsesWithAndWithoutLength() throws Exception {
        HttpResponse<byte[]> chunked = front.getBytes("/app/large");
        assertThat(chunked.body()).isEqualTo(FixtureApps.largeBodyContent());
        HttpResponse<byte[]> sized = front.getBytes("/app/large-sized");
        assertThat(sized.headers().firstValue("Content-Length")).hasValue(Integer.toString(FixtureApps.LARGE_BODY_BYTES));
        assertThat(sized.body()).isEqualTo(FixtureApps.largeBodyContent());
        assertThat(proxy.pool().opened()).isEqualTo(1);
    }

    @Test
    void theBackendAppSeesTheMappedRequestAndTheForwardingHeaders() throws Exception {
        HttpResponse<byte[]> r = front.getBytes("/app/environ?q=%C3%A9&x", "X-Custom", "yes");
        Map<String, String> environ = EnvironLines.parse(r.body());
        assertThat(environ.get("REQUEST_URI")).isEqualTo("/environ?q=%C3%A9&x");
        assertThat(environ.get("PATH_INFO")).isEqualTo("/environ");
        assertThat(environ.get("QUERY_STRING")).isEqualTo("q=%C3%A9&x");
        assertThat(environ.get("HTTP_HOST")).isEqualTo("127.0.0.1:" + backend.addresses().get(0).port());
        assertThat(environ.get("HTTP_X_FORWARDED_FOR")).isEqualTo("127.0.0.1");
        assertThat(environ.get("HTTP_X_FORWARDED_HOST")).isEqualTo("127.0.0.1:" + front.port());
        assertThat(environ.get("HTTP_VIA")).isEqualTo("1.1 gatehouse");
        assertThat(environ.get("HTTP_X_CUSTOM")).isEqualTo("yes");
        assertThat(environ).doesNotContainKeys("HTTP_CONNECTION", "HTTP_TRANSFER_ENCODING", "CONTENT_LENGTH");
    }

    @Test
    void passesBodylessAnswersOn() throws Exception {
        assertThat(front.get("/app/no-content").statusCode()).isEqualTo(204);
        HttpResponse<String> head = front.client().send(front.request("/app/head-aware").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(FixtureApps.HEAD_AWARE_BODY.length()));
        assertThat(front.get("/app/head-aware").body()).isEqualTo(FixtureApps.HEAD_AWARE_BODY);
        assertThat(front.get("/app/missing").statusCode()).isEqualTo(404);
        assertThat(proxy.pool().opened()).isEqualTo(1);
    }

    @Test
    void forwardsOverAUnixSocket() throws Exception {
        Path dir = Files.createTempDirectory("gatehouse-http-proxy-");
        Path socket = dir.resolve("backend.sock");
        Http1Server unixBackend = new Http1Server(HttpProxyAppGatehouseTest::route, Http1Config.defaults());
        try (unixBackend; HttpProxyApp overUnix = new HttpProxyApp(HttpTarget.parse("http:unix:" + socket + ":/"), HttpClientConfig.defaults());
             ProxyFront unixFront = ProxyFront.start("/app", overUnix)) {
            unixBackend.listen(ListenAddress.unix(socket)).start();
            Map<String, String> environ = EnvironLines.parse(unixFront.getBytes("/app/environ").body());
            assertThat(environ.get("HTTP_HOST")).isEqualTo("localhost");
            assertThat(environ.get("REQUEST_URI")).isEqualTo("/environ");
            assertThat(unixFront.get("/app/streamed").body()).isEqualTo(FixtureApps.STREAMED_TEXT);
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }
}
