package dev.gatehouse.http1.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import dev.gatehouse.testkit.peers.NginxLauncher;
import dev.gatehouse.testkit.peers.PeerProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gatehouse's HTTP server in front, the {@code http://} mount in the middle, the real nginx
 * behind it: a location that echoes what nginx received, static files (HEAD, 304, a large file,
 * a gzip-compressed one that nginx sends chunked) and a redirect.
 */
class HttpProxyAppNginxTest {
    private static final String ECHO = "uri=$request_uri|host=$http_host|xff=$http_x_forwarded_for|fwd=$http_forwarded"
            + "|proto=$http_x_forwarded_proto|xhost=$http_x_forwarded_host|via=$http_via|conn=$connection_requests"
            + "|secret=$http_x_secret|custom=$http_x_custom|method=$request_method";
    private static final String HELLO = "hello from a static file\n";
    private static final int LARGE = 5 * 1024 * 1024 + 3;

    private static Path files;
    private static PeerProcess nginx;
    private HttpProxyApp proxy;
    private ProxyFront front;

    @BeforeAll
    static void startNginx() throws IOException {
        NginxLauncher.require();
        files = Files.createTempDirectory("gatehouse-http-proxy-files-");
        Files.writeString(files.resolve("hello.txt"), HELLO);
        Files.write(files.resolve("large.bin"), large());
        Files.writeString(files.resolve("text.txt"), text());
        nginx = NginxLauncher.start("", """
                        location /prefix/ {
                            default_type text/plain;
                            return 200 "%s\\n";
                        }
                        location /prefix/static/ {
                            alias %s/;
                            gzip on;
                            gzip_types text/plain;
                            gzip_min_length 0;
                            gzip_proxied any;
                        }
                        location = /prefix/old {
                            return 302 /prefix/new;
                        }
                """.formatted(ECHO, files));
    }

    @AfterAll
    static void stopNginx() throws IOException {
        if (nginx != null) nginx.close();
        if (files != null) {
            try (Stream<Path> walk = Files.walk(files)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    @BeforeEach
    void startFront() throws IOException {
        proxy = new HttpProxyApp(HttpTarget.parse("http://127.0.0.1:" + nginx.address().getPort() + "/prefix"), HttpClientConfig.defaults());
        front = ProxyFront.start("/app", proxy);
    }

    @AfterEach
    void stopFront() {
        if (front != null) front.close();
        if (proxy != null) proxy.close();
        if (front != null) assertThat(front.proxyViolations()).isEmpty();
    }

    @Test
    void mapsTheMountOntoThePrefixAndAddsTheForwardingHeaders() throws Exception {
        HttpResponse<String> r = front.get("/app/echo?x=1&y=%20", "X-Forwarded-For", "10.0.0.1", "X-Custom", "yes");
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, String> seen = echoed(r.body());
        assertThat(seen.get("uri")).isEqualTo("/prefix/echo?x=1&y=%20");
        assertThat(seen.get("host")).isEqualTo("127.0.0.1:" + nginx.address().getPort());
        assertThat(seen.get("xff")).isEqualTo("10.0.0.1, 127.0.0.1");
        assertThat(seen.get("fwd")).isEqualTo("for=127.0.0.1;proto=http;host=\"127.0.0.1:" + front.port() + "\"");
        assertThat(seen.get("proto")).isEqualTo("http");
        assertThat(seen.get("xhost")).isEqualTo("127.0.0.1:" + front.port());
        assertThat(seen.get("via")).isEqualTo("1.1 gatehouse");
        assertThat(seen.get("custom")).isEqualTo("yes");
    }

    @Test
    void passesEscapesInThePathAsTheClientWroteThem() throws Exception {
        assertThat(echoed(front.get("/app/a%2Fb/c%20d%7e").body()).get("uri")).isEqualTo("/prefix/a%2Fb/c%20d%7e");
    }

    @Test
    void keepsTheConnectionToNginxAlive() throws Exception {
        for (int i = 1; i <= 3; i++) assertThat(echoed(front.get("/app/echo").body()).get("conn")).isEqualTo(Integer.toString(i));
        assertThat(proxy.pool().opened()).isEqualTo(1);
    }

    @Test
    void leavesHopByHopRequestHeadersBehind() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(front.address())) {
            client.send("GET /app/echo HTTP/1.1\r\nHost: x\r\nConnection: X-Secret\r\nX-Secret: hop\r\nX-Custom: end-to-end\r\n\r\n");
            RawResponse r = client.readFinalResponse();
            Map<String, String> seen = echoed(r.bodyText());
            assertThat(seen.get("secret")).isEmpty();
            assertThat(seen.get("custom")).isEqualTo("end-to-end");
            assertThat(r.header("Keep-Alive")).isNull(); // nginx's own, for our connection only
        }
    }

    @Test
    void servesAStaticFileAndAnswersHeadWithItsLength() throws Exception {
        HttpResponse<String> get = front.get("/app/static/hello.txt");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(HELLO);
        assertThat(get.headers().firstValue("Content-Length")).hasValue(Integer.toString(HELLO.length()));
        assertThat(get.headers().firstValue("Server")).hasValue("Gatehouse");
        HttpResponse<String> head = front.client().send(front.request("/app/static/hello.txt").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(HELLO.length()));
        assertThat(echoed(front.get("/app/echo").body()).get("conn")).isEqualTo("3");
    }

    @Test
    void answers304ForAMatchingEtag() throws Exception {
        String etag = front.get("/app/static/hello.txt").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> r = front.get("/app/static/hello.txt", "If-None-Match", etag);
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("ETag")).hasValue(etag);
        assertThat(echoed(front.get("/app/echo").body()).get("conn")).isEqualTo("3");
    }

    @Test
    void streamsALargeFile() throws Exception {
        HttpResponse<byte[]> r = front.getBytes("/app/static/large.bin");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Length")).hasValue(Integer.toString(LARGE));
        assertThat(r.body()).isEqualTo(large());
    }

    @Test
    void passesAChunkedGzipResponseOnAndReusesTheConnection() throws Exception {
        HttpResponse<byte[]> r = front.getBytes("/app/static/text.txt", "Accept-Encoding", "gzip");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(r.headers().firstValue("Content-Length")).isEmpty(); // nginx sent it chunked: no length to pass on
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo(text());
        }
        assertThat(echoed(front.get("/app/echo").body()).get("conn")).isEqualTo("2");
    }

    @Test
    void rewritesNginxsRedirectOntoTheMount() throws Exception {
        HttpResponse<String> r = front.get("/app/old");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("http://127.0.0.1:" + front.port() + "/app/new");
    }

    @Test
    void streamsAnUploadToNginx() throws Exception {
        byte[] body = new byte[3 * 1024 * 1024];
        HttpResponse<String> r = front.client().send(front.request("/app/echo").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(echoed(r.body()).get("method")).isEqualTo("POST");
        assertThat(echoed(front.get("/app/echo").body()).get("conn")).isEqualTo("2");
    }

    private static Map<String, String> echoed(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : body.strip().split("\\|", -1)) {
            int eq = part.indexOf('=');
            fields.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return fields;
    }

    private static byte[] large() {
        byte[] b = new byte[LARGE];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i % 251);
        return b;
    }

    private static String text() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20_000; i++) s.append("line ").append(i).append(" of a text nginx compresses\n");
        return s.toString();
    }
}
