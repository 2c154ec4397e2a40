package dev.gatehouse.scgi.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.PathCodec;
import dev.gatehouse.api.Status;
import dev.gatehouse.core.ClientGoneException;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.stream.StreamServerConfig;
import dev.gatehouse.scgi.codec.ScgiRequestEncoder;
import dev.gatehouse.testkit.FixtureApps;
import dev.gatehouse.testkit.Segmentation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SCGI server's protocol behaviour over real sockets, driven byte by byte by the raw test
 * client: one test per strictness rule (each refused with its status and a body naming the
 * problem, the app never called), the body's edges, and the timeouts and limits.
 */
class ScgiServerTest {
    @TempDir
    Path dir;

    private ScgiServer server;
    private final AtomicInteger calls = new AtomicInteger();

    @AfterEach
    void stop() {
        if (server != null) server.shutdown();
    }

    private SocketAddress serve(Application app, ScgiConfig config) throws IOException {
        Application counted = (environ, start) -> {
            calls.incrementAndGet();
            return app.call(environ, start);
        };
        server = new ScgiServer(counted, config).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        return server.addresses().getFirst().toSocketAddress();
    }

    private SocketAddress serve(Application app) throws IOException {
        return serve(app, ScgiConfig.defaults());
    }

    static Map<String, String> get(String uri) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("REQUEST_METHOD", "GET");
        v.put("REQUEST_URI", uri);
        int q = uri.indexOf('?');
        v.put("DOCUMENT_URI", PathCodec.decode(q < 0 ? uri : uri.substring(0, q))); // nginx's $document_uri is decoded
        v.put("SERVER_PROTOCOL", "HTTP/1.1");
        return v;
    }

    static byte[] request(Map<String, String> vars, byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ScgiRequestEncoder.encode(vars, body.length));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A netstring around {@code pairs} (NULs written {@code \u0000}), in Latin-1. */
    static byte[] netstring(String pairs) {
        return (pairs.length() + ":" + pairs + ",").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final String GET_PAIRS = "REQUEST_METHOD\u0000GET\u0000REQUEST_URI\u0000/\u0000";

    /** Sends {@code bytes}; the answer must be {@code status} with a body naming the problem, and the app must not have run. */
    private void assertRefused(String bytes, int status, String problem) throws Exception {
        assertRefused(serve(FixtureApps.hello()), bytes, status, problem);
    }

    private void assertRefused(SocketAddress address, String bytes, int status, String problem) throws Exception {
        ScgiTestClient.Answer answer = ScgiTestClient.send(address, bytes.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.head()).contains("Content-Type: text/plain; charset=utf-8");
        assertThat(answer.bodyText()).startsWith(Integer.toString(status)).contains(problem);
        assertThat(answer.reset()).isFalse();
        assertThat(calls).hasValue(0);
    }

    // ---- a good request ---------------------------------------------------------------------

    @Test
    void answersWithACgiHeadThenClosesTheConnection() throws Exception {
        ScgiTestClient.Answer answer = ScgiTestClient.send(serve(FixtureApps.hello()), request(get("/"), new byte[0]));
        assertThat(answer.head()).startsWith("Status: 200 OK\r\n").contains("Content-Type: text/plain; charset=utf-8\r\n")
                .contains("Content-Length: " + FixtureApps.HELLO.length());
        assertThat(answer.bodyText()).isEqualTo(FixtureApps.HELLO);
        assertThat(answer.reset()).as("ended by a clean close").isFalse();
    }

    @ParameterizedTest
    @EnumSource(Segmentation.class)
    void aRequestArrivesWholeWhateverTheSegmentation(Segmentation segmentation) throws Exception {
        SocketAddress address = serve(FixtureApps.echoBody());
        Map<String, String> post = get("/echo");
        post.put("REQUEST_METHOD", "POST");
        post.put("CONTENT_TYPE", "text/x-test");
        byte[] body = "line one\nline two\n\u0000,:12:".getBytes(StandardCharsets.ISO_8859_1);
        byte[] wire = request(post, body);
        ScgiTestClient.Answer answer = ScgiTestClient.send(address, segmentation.split(wire, 7), segmentation.pause(), false);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(body);
    }

    @Test
    void servesOverAUnixSocket() throws Exception {
        server = new ScgiServer(FixtureApps.pathEcho(), StreamServerConfig.defaults()).listen(ListenAddress.unix(dir.resolve("scgi.sock"))).start();
        ScgiTestClient.Answer answer = ScgiTestClient.send(server.addresses().getFirst().toSocketAddress(), request(get("/a%20b"), new byte[0]));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bodyText()).isEqualTo("/a b");
    }

    // ---- one test per strictness rule -------------------------------------------------------

    @Test
    void refusesALeadingZeroInTheLength() throws Exception {
        assertRefused("024:CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000,", 400, "starts with '0'");
    }

    @Test
    void refusesAnEmptyHeader() throws Exception {
        assertRefused("0:,", 400, "CONTENT_LENGTH is missing");
    }

    @Test
    void refusesALengthWithTooManyDigits() throws Exception {
        assertRefused("1234567:", 431, "more than 5 digits");
    }

    @Test
    void refusesAHeaderOverTheLimit() throws Exception {
        assertRefused("99999:", 431, "over the limit of 65536");
    }

    @Test
    void refusesAHeaderNotEndedByAComma() throws Exception {
        String pairs = "CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000" + GET_PAIRS;
        assertRefused(pairs.length() + ":" + pairs + ";", 400, "not followed by ','");
    }

    @Test
    void refusesContentLengthNotFirst() throws Exception {
        assertRefused(new String(netstring("SCGI\u00001\u0000CONTENT_LENGTH\u00000\u0000" + GET_PAIRS), StandardCharsets.ISO_8859_1), 400,
                "not CONTENT_LENGTH");
    }

    @Test
    void refusesContentLengthNotDigits() throws Exception {
        assertRefused(new String(netstring("CONTENT_LENGTH\u0000+5\u0000SCGI\u00001\u0000" + GET_PAIRS), StandardCharsets.ISO_8859_1), 400,
                "CONTENT_LENGTH is not a number: +5");
    }

    @Test
    void refusesAMissingScgiVariable() throws Exception {
        assertRefused(new String(netstring("CONTENT_LENGTH\u00000\u0000" + GET_PAIRS), StandardCharsets.ISO_8859_1), 400, "no SCGI variable");
    }

    @Test
    void refusesAnScgiVersionOtherThanOne() throws Exception {
        assertRefused(new String(netstring("CONTENT_LENGTH\u00000\u0000SCGI\u00002\u0000" + GET_PAIRS), StandardCharsets.ISO_8859_1), 400,
                "SCGI is '2', not '1'");
    }

    @Test
    void refusesANameSentTwice() throws Exception {
        assertRefused(new String(netstring("CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000" + GET_PAIRS + "SERVER_NAME\u0000a\u0000SERVER_NAME\u0000b\u0000"),
                StandardCharsets.ISO_8859_1), 400, "SERVER_NAME twice");
    }

    @Test
    void refusesARepeatedHeaderVariableWhenStrict() throws Exception {
        SocketAddress address = serve(FixtureApps.headerEcho(), ScgiConfig.defaults().withMergeRepeatedHeaders(false));
        assertRefused(address, new String(netstring("CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000" + GET_PAIRS + "HTTP_X_A\u00001\u0000HTTP_X_A\u00002\u0000"),
                StandardCharsets.ISO_8859_1), 400, "HTTP_X_A twice");
    }

    @Test
    void refusesARequestWithoutMethod() throws Exception {
        assertRefused(new String(netstring("CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000REQUEST_URI\u0000/\u0000"), StandardCharsets.ISO_8859_1),
                400, "no REQUEST_METHOD");
    }

    @Test
    void refusesHttpSpokenToIt() throws Exception {
        assertRefused("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", 400, "not an SCGI request: it starts with 'G'");
    }

    @Test
    void mergesRepeatedHeadersWhenConfiguredTo() throws Exception {
        SocketAddress address = serve(FixtureApps.headerEcho(), ScgiConfig.defaults().withMergeRepeatedHeaders(true));
        byte[] wire = netstring("CONTENT_LENGTH\u00000\u0000REQUEST_METHOD\u0000GET\u0000REQUEST_URI\u0000/?X-A\u0000QUERY_STRING\u0000X-A\u0000"
                + "SCGI\u00001\u0000HTTP_X_A\u00001\u0000HTTP_X_A\u00002\u0000");
        ScgiTestClient.Answer answer = ScgiTestClient.send(address, wire);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bodyText()).isEqualTo("1, 2");
    }

    // ---- the body's edges ---------------------------------------------------------------------

    @Test
    void aBodyCutShortMeansTheWebServerIsGoneAndNothingIsAnswered() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Application reader = (environ, start) -> {
            try {
                environ.input().readAllBytes();
            } catch (IOException e) {
                seen.set(e);
                throw e;
            }
            start.start(Status.OK, List.of());
            return Body.empty();
        };
        SocketAddress address = serve(reader);
        Map<String, String> post = get("/");
        post.put("REQUEST_METHOD", "POST");
        byte[] wire = ScgiRequestEncoder.encode(post, 100);
        byte[] truncated = java.util.Arrays.copyOf(wire, wire.length + 10); // the header, then 10 of the 100 body bytes
        ScgiTestClient.Answer answer = ScgiTestClient.send(address, List.of(truncated), Duration.ZERO, true);
        assertThat(answer.bytes()).as("no one to answer").isEmpty();
        assertThat(seen.get()).isInstanceOf(ClientGoneException.class).hasMessageContaining("10 of 100");
        // the server lives on
        assertThat(ScgiTestClient.send(address, request(get("/"), new byte[0])).bytes()).isNotEmpty();
    }

    @Test
    void anUnreadBodyDoesNotCostTheResponse() throws Exception {
        SocketAddress address = serve(FixtureApps.ignoresBody());
        Map<String, String> post = get("/");
        post.put("REQUEST_METHOD", "POST");
        ScgiTestClient.Answer answer = ScgiTestClient.send(address, request(post, FixtureApps.pattern(800_000)));
        assertThat(answer.reset()).as("closed with unread input, the socket would have been reset").isFalse();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bodyText()).isEqualTo(FixtureApps.IGNORED_BODY_ANSWER);
    }

    @Test
    void aBodyIsNeverReadAsTheNextRequest() throws Exception {
        // the body holds a whole SCGI request: it must reach the app as body bytes, and nothing more is served
        SocketAddress address = serve(FixtureApps.echoBody());
        byte[] inner = request(get("/smuggled"), new byte[0]);
        Map<String, String> post = get("/");
        post.put("REQUEST_METHOD", "POST");
        ScgiTestClient.Answer answer = ScgiTestClient.send(address, request(post, inner));
        assertThat(answer.body()).isEqualTo(inner);
        assertThat(calls).hasValue(1);
    }

    // ---- timeouts and who may connect -----------------------------------------------------------

    @Test
    void aHeadThatNeverEndsIsAnswered408() throws Exception {
        StreamServerConfig quick = StreamServerConfig.defaults().withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(60), Duration.ofSeconds(60));
        SocketAddress address = serve(FixtureApps.hello(), ScgiConfig.of(quick));
        ScgiTestClient.Answer answer = ScgiTestClient.send(address, List.of("70:CONTENT_LENGTH\u0000".getBytes(StandardCharsets.ISO_8859_1)),
                Duration.ZERO, false);
        assertThat(answer.status()).as(answer.text()).isEqualTo(408);
        assertThat(answer.bodyText()).contains("no complete request head");
        assertThat(calls).hasValue(0);
    }

    @Test
    void aPeerNotAllowedIsClosedWithoutAnAnswer() throws Exception {
        ScgiConfig others = ScgiConfig.of(StreamServerConfig.defaults().withAllowedPeers(List.of(InetAddress.getByName("192.0.2.1"))));
        SocketAddress address = serve(FixtureApps.hello(), others);
        ScgiTestClient.Answer answer = ScgiTestClient.send(address, request(get("/"), new byte[0]));
        assertThat(answer.bytes()).isEmpty();
        assertThat(calls).hasValue(0);
    }

    @Test
    void loopbackIsAllowedByDefault() throws Exception {
        SocketAddress address = serve((environ, start) -> {
            start.start(Status.OK, List.of(Header.of("Content-Type", "text/plain")));
            return Body.of(environ.getString("REMOTE_ADDR", "none"));
        });
        Map<String, String> vars = get("/");
        vars.put("REMOTE_ADDR", "203.0.113.9"); // the web server's word for who the client is
        assertThat(ScgiTestClient.send(address, request(vars, new byte[0])).bodyText()).isEqualTo("203.0.113.9");
    }
}
