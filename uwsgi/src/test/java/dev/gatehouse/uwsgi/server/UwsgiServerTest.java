package dev.gatehouse.uwsgi.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.stream.StreamServerConfig;
import dev.gatehouse.testkit.EnvironLines;
import dev.gatehouse.testkit.FixtureApps;
import dev.gatehouse.testkit.Segmentation;
import dev.gatehouse.uwsgi.codec.UwsgiRequestEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The uwsgi server's protocol behaviour, driven packet by packet by the raw test client. */
class UwsgiServerTest {
    @TempDir
    Path dir;
    private UwsgiServer server;

    @AfterEach
    void stop() {
        if (server != null) server.shutdown();
    }

    private SocketAddress serve(Application app, StreamServerConfig config) throws IOException {
        server = new UwsgiServer(app, config).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        return server.addresses().getFirst().toSocketAddress();
    }

    private SocketAddress serve(Application app) throws IOException {
        return serve(app, StreamServerConfig.defaults());
    }

    /** The vars of a GET as nginx's stock uwsgi_params send them. */
    static Map<String, String> get(String path) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("QUERY_STRING", "");
        v.put("REQUEST_METHOD", "GET");
        v.put("CONTENT_TYPE", "");
        v.put("CONTENT_LENGTH", "");
        v.put("REQUEST_URI", path);
        v.put("PATH_INFO", path);
        v.put("SERVER_PROTOCOL", "HTTP/1.1");
        v.put("SERVER_NAME", "localhost");
        v.put("SERVER_PORT", "80");
        return v;
    }

    static Map<String, String> post(String path, int length) {
        Map<String, String> v = get(path);
        v.put("REQUEST_METHOD", "POST");
        v.put("CONTENT_TYPE", "text/x-test");
        v.put("CONTENT_LENGTH", Integer.toString(length));
        return v;
    }

    /** A packet with any header fields, valid or not, and the given block. */
    static byte[] packet(int modifier1, int datasize, int modifier2, byte[] block) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(modifier1);
        out.write(datasize & 0xFF);
        out.write(datasize >> 8 & 0xFF);
        out.write(modifier2);
        out.writeBytes(block);
        return out.toByteArray();
    }

    /** The vars block of a well-formed request, without its header. */
    static byte[] block(Map<String, String> vars) throws IOException {
        byte[] whole = UwsgiRequestEncoder.encode(vars);
        return java.util.Arrays.copyOfRange(whole, 4, whole.length);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static UwsgiTestClient.Answer exchange(SocketAddress address, byte[] request) throws IOException {
        return UwsgiTestClient.exchange(address, request);
    }

    // ---- requests that are served --------------------------------------------------------------

    @Test
    void answersWithAnHttpStatusLineHeadAndTheBody() throws Exception {
        UwsgiTestClient.Answer a = exchange(serve(FixtureApps.hello()), UwsgiRequestEncoder.encode(get("/")));
        assertThat(new String(a.raw(), StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " + FixtureApps.HELLO.length() + "\r\n\r\n" + FixtureApps.HELLO);
    }

    @Test
    void anHttp10RequestGetsAnHttp10StatusLine() throws Exception {
        Map<String, String> vars = get("/");
        vars.put("SERVER_PROTOCOL", "HTTP/1.0");
        assertThat(exchange(serve(FixtureApps.hello()), UwsgiRequestEncoder.encode(vars)).statusLine()).isEqualTo("HTTP/1.0 200 OK");
    }

    @ParameterizedTest
    @EnumSource(Segmentation.class)
    void aRequestIsReadWhateverTheSegmentation(Segmentation segmentation) throws Exception {
        SocketAddress address = serve(FixtureApps.echoBody());
        byte[] body = FixtureApps.pattern(segmentation == Segmentation.BYTE_BY_BYTE ? 3000 : 100_000);
        byte[] request = concat(UwsgiRequestEncoder.encode(post("/echo", body.length)), body);
        try (UwsgiTestClient client = UwsgiTestClient.connect(address)) {
            UwsgiTestClient.Answer a = client.send(request, segmentation).readAnswer();
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.header("Content-Type")).isEqualTo("text/x-test");
            assertThat(a.body()).isEqualTo(body);
        }
    }

    @Test
    void bytesAfterTheBodyAreNeverReadAsAnotherRequest() throws Exception {
        SocketAddress address = serve(FixtureApps.pathEcho());
        byte[] request = concat(UwsgiRequestEncoder.encode(post("/first", 3)), "abc".getBytes(StandardCharsets.US_ASCII),
                UwsgiRequestEncoder.encode(get("/second")));
        UwsgiTestClient.Answer a = exchange(address, request);
        assertThat(a.bodyText()).isEqualTo("/first");
    }

    @Test
    void servesOnAUnixSocket() throws Exception {
        server = new UwsgiServer(FixtureApps.hello(), StreamServerConfig.defaults()).listen(ListenAddress.unix(dir.resolve("u.sock"))).start();
        UwsgiTestClient.Answer a = exchange(server.addresses().getFirst().toSocketAddress(), UwsgiRequestEncoder.encode(get("/")));
        assertThat(a.bodyText()).isEqualTo(FixtureApps.HELLO);
    }

    @Test
    void aConnectionClosedBeforeItsFirstByteIsNotAnswered() throws Exception {
        SocketAddress address = serve(FixtureApps.hello());
        try (UwsgiTestClient client = UwsgiTestClient.connect(address)) {
            client.shutdownOutput();
            assertThat(client.readToEnd()).isEmpty();
        }
        assertThat(exchange(address, UwsgiRequestEncoder.encode(get("/"))).status()).isEqualTo(200);
    }

    // ---- SCRIPT_NAME and modifier1 30 ------------------------------------------------------------

    @Test
    void aScriptNameSetInNginxIsRemovedFromPathInfo() throws Exception {
        Map<String, String> vars = get("/app/x");
        vars.put("SCRIPT_NAME", "/app");
        Map<String, String> env = EnvironLines.parse(exchange(serve(FixtureApps.environ()), UwsgiRequestEncoder.encode(vars)).body());
        assertThat(env).containsEntry("SCRIPT_NAME", "/app").containsEntry("PATH_INFO", "/x");
    }

    @Test
    void modifier30RemovesScriptNameFromPathInfo() throws Exception {
        Map<String, String> vars = get("/app/app/x");
        vars.put("SCRIPT_NAME", "/app");
        vars.put("PATH_INFO", "/app/x");
        byte[] request = UwsgiRequestEncoder.encode(vars, 30, 0);
        Map<String, String> env = EnvironLines.parse(exchange(serve(FixtureApps.environ()), request).body());
        assertThat(env).containsEntry("SCRIPT_NAME", "/app").containsEntry("PATH_INFO", "/x");
    }

    // ---- strictness: each rule answered with its status, then the connection closes --------------

    @Test
    void aVarsBlockOverTheHeadLimitIs431BeforeItIsRead() throws Exception {
        SocketAddress address = serve(FixtureApps.hello(), StreamServerConfig.defaults().withMaxHeadBytes(100));
        UwsgiTestClient.Answer a = exchange(address, packet(0, 5000, 0, new byte[0]));
        assertThat(a.status()).isEqualTo(431);
        assertThat(a.bodyText()).contains("5000 bytes is over the limit of 100 bytes").contains("65535");
    }

    @Test
    void aDatasizeLargerThanWhatFollowsIs400() throws Exception {
        SocketAddress address = serve(FixtureApps.hello());
        byte[] block = block(get("/"));
        try (UwsgiTestClient client = UwsgiTestClient.connect(address)) {
            client.send(packet(0, block.length + 10, 0, block), Segmentation.ONE_WRITE).shutdownOutput();
            UwsgiTestClient.Answer a = client.readAnswer();
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.bodyText()).contains("closed inside the uwsgi vars block");
        }
    }

    @Test
    void aDatasizeShorterThanTheVarsIs400() throws Exception {
        byte[] block = block(get("/"));
        UwsgiTestClient.Answer a = exchange(serve(FixtureApps.hello()), packet(0, block.length - 3, 0, block));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.bodyText()).contains("vars block ends inside the length of a value of SERVER_PORT");
    }

    @Test
    void aVarRunningPastTheBlockIs400() throws Exception {
        byte[] block = concat(block(get("/")), new byte[] {9, 0, 'X'});
        UwsgiTestClient.Answer a = exchange(serve(FixtureApps.hello()), packet(0, block.length, 0, block));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.bodyText()).contains("key of 9 bytes runs past the end");
    }

    @Test
    void aRepeatedVarIs400() throws Exception {
        byte[] block = concat(block(post("/", 0)), new byte[] {14, 0}, "CONTENT_LENGTH".getBytes(StandardCharsets.US_ASCII), new byte[] {1, 0, '5'});
        UwsgiTestClient.Answer a = exchange(serve(FixtureApps.hello()), packet(0, block.length, 0, block));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.bodyText()).contains("CONTENT_LENGTH sent twice");
    }

    @Test
    void anEmptyKeyIs400() throws Exception {
        byte[] block = concat(block(get("/")), new byte[] {0, 0, 1, 0, 'x'});
        UwsgiTestClient.Answer a = exchange(serve(FixtureApps.hello()), packet(0, block.length, 0, block));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.bodyText()).contains("empty key");
    }

    @Test
    void anUnsupportedModifierIs501NamingIt() throws Exception {
        byte[] block = block(get("/"));
        UwsgiTestClient.Answer a = exchange(serve(FixtureApps.hello()), packet(5, block.length, 0, block));
        assertThat(a.status()).isEqualTo(501);
        assertThat(a.bodyText()).contains("modifier1 5 (PSGI (Perl) request) is not served");
        UwsgiTestClient.Answer unnamed = exchange(server.addresses().getFirst().toSocketAddress(), packet(4, 0, 0, new byte[0]));
        assertThat(unnamed.status()).isEqualTo(501);
        assertThat(unnamed.bodyText()).contains("modifier1 4 is not served");
    }

    @Test
    void aNonZeroModifier2Is501() throws Exception {
        byte[] block = block(get("/"));
        UwsgiTestClient.Answer a = exchange(serve(FixtureApps.hello()), packet(0, block.length, 1, block));
        assertThat(a.status()).isEqualTo(501);
        assertThat(a.bodyText()).contains("modifier2 1");
    }

    @Test
    void aCutHeaderIs400() throws Exception {
        try (UwsgiTestClient client = UwsgiTestClient.connect(serve(FixtureApps.hello()))) {
            client.send(new byte[] {0, 10}, Segmentation.ONE_WRITE).shutdownOutput();
            UwsgiTestClient.Answer a = client.readAnswer();
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.bodyText()).contains("inside the uwsgi packet header");
        }
    }

    @Test
    void aNonNumericContentLengthIs400() throws Exception {
        Map<String, String> vars = post("/", 0);
        vars.put("CONTENT_LENGTH", "+5");
        UwsgiTestClient.Answer a = exchange(serve(FixtureApps.hello()), UwsgiRequestEncoder.encode(vars));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.bodyText()).contains("CONTENT_LENGTH is not a number: +5");
    }

    @Test
    void aBodyOverTheLimitIs413BeforeTheAppRuns() throws Exception {
        SocketAddress address = serve(FixtureApps.echoBody(), StreamServerConfig.defaults().withMaxBodyBytes(10));
        UwsgiTestClient.Answer a = exchange(address, UwsgiRequestEncoder.encode(post("/", 11)));
        assertThat(a.status()).isEqualTo(413);
    }

    @Test
    void aHeadThatNeverCompletesIsAnswered408() throws Exception {
        StreamServerConfig config = StreamServerConfig.defaults().withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(60), Duration.ofSeconds(60));
        try (UwsgiTestClient client = UwsgiTestClient.connect(serve(FixtureApps.hello(), config))) {
            byte[] request = UwsgiRequestEncoder.encode(get("/"));
            client.send(java.util.Arrays.copyOf(request, 10), Segmentation.ONE_WRITE); // and then nothing more
            UwsgiTestClient.Answer a = client.readAnswer();
            assertThat(a.status()).isEqualTo(408);
            assertThat(a.bodyText()).contains("no complete request head");
        }
    }

    @Test
    void aBodyCutShortEndsTheRequestWithoutAnAnswer() throws Exception {
        try (UwsgiTestClient client = UwsgiTestClient.connect(serve(FixtureApps.echoBody()))) {
            client.send(concat(UwsgiRequestEncoder.encode(post("/", 10)), "abc".getBytes(StandardCharsets.US_ASCII)), Segmentation.ONE_WRITE)
                    .shutdownOutput();
            assertThat(client.readToEnd()).as("the web server gave up on the request: nobody to answer").isEmpty();
        }
    }
}
