package dev.gatehouse.http1.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.testkit.BodyFraming;
import dev.gatehouse.testkit.FixtureApps;
import dev.gatehouse.testkit.Gate;
import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP/1.1 server over real sockets, driven byte by byte with {@link RawHttpClient}: connection
 * management, limits and shutdown. No assertion is timed: limits are set short in the config and
 * each test asserts the outcome, with the client's bounded waits (10 s) as the only clock.
 */
class Http1EndToEndTest {
    private static final String GET = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
    /** A bound for waiting on outcomes that follow a configured 1 s limit; never asserted on. */
    private static final Duration OUTCOME_BOUND = Duration.ofSeconds(10);
    private static final Duration SHORT = Duration.ofSeconds(1);

    private final List<Http1Server> servers = new ArrayList<>();

    @TempDir
    Path tempDir;

    @AfterEach
    void stopServers() {
        servers.forEach(Http1Server::shutdown);
    }

    // ---- streaming ---------------------------------------------------------------------------

    @Test
    void eachChunkReachesTheClientBeforeTheAppProducesTheNext() throws Exception {
        java.util.concurrent.CountDownLatch firstSeen = new java.util.concurrent.CountDownLatch(1);
        Application streaming = (environ, startResponse) -> {
            startResponse.start(200, dev.gatehouse.api.Header.of("Content-Type", "text/plain"));
            java.util.Iterator<String> chunks = List.of("first;", "second").iterator();
            return () -> {
                if (!chunks.hasNext()) return null;
                String chunk = chunks.next();
                // the second chunk waits until the client has seen the first: a server that held
                // small chunks back would never deliver it (bounded, then the test fails)
                try {
                    if (chunk.equals("second") && !firstSeen.await(OUTCOME_BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the first chunk never reached the client");
                    }
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                return chunk.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            };
        };
        SocketAddress server = start(streaming);
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send(GET);
            long until = System.nanoTime() + OUTCOME_BOUND.toNanos();
            while (!new String(client.pendingBytes(), java.nio.charset.StandardCharsets.US_ASCII).contains("first;")
                    && System.nanoTime() < until) {
                client.awaitData(SHORT);
            }
            assertThat(new String(client.pendingBytes(), java.nio.charset.StandardCharsets.US_ASCII)).contains("first;");
            firstSeen.countDown();
            RawResponse response = client.readResponse();
            assertThat(response.bodyText()).isEqualTo("first;second");
        }
    }

    // ---- persistent connections ------------------------------------------------------------

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        SocketAddress server = start(FixtureApps.pathEcho());
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send(get("/one") + get("/two") + get("/three"));
            List<RawResponse> responses = client.readResponses(3);
            assertThat(responses).extracting(RawResponse::bodyText).containsExactly("/one", "/two", "/three");
            assertThat(responses).noneMatch(RawResponse::announcesClose);
        }
    }

    @Test
    void pipelinedRequestsWithBodiesStayInStep() throws Exception {
        SocketAddress server = start(FixtureApps.requestSummary());
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                    + "POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n"
                    + get("/c"));
            assertThat(client.readResponses(3)).extracting(RawResponse::bodyText)
                    .containsExactly("POST /a abc", "POST /b de", "GET /c");
        }
    }

    @Test
    void headResponseLeavesTheConnectionInStep() throws Exception {
        SocketAddress server = start(FixtureApps.streamed());
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n" + GET);
            RawResponse head = client.readResponse("HEAD");
            RawResponse get = client.readResponse();
            assertThat(head.status()).isEqualTo(200);
            assertThat(get.bodyText()).isEqualTo(FixtureApps.STREAMED_TEXT);
        }
    }

    @Test
    void http10WithoutKeepAliveIsClosedAfterTheResponse() throws Exception {
        SocketAddress server = start(FixtureApps.hello());
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send("GET / HTTP/1.0\r\n\r\n");
            RawResponse r = client.readResponse();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo(FixtureApps.HELLO);
            assertThat(client.readToEnd()).isEmpty();
        }
    }

    @Test
    void responseToHttp10CarriesTheServersOwnVersion() throws Exception {
        // RFC 9110 2.5: a server SHOULD answer with the highest minor version it conforms to (as nginx and Apache do).
        SocketAddress server = start(FixtureApps.hello());
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send("GET / HTTP/1.0\r\n\r\n");
            assertThat(client.readResponse().version()).isEqualTo("HTTP/1.1");
        }
    }

    @Test
    void http10KeepAliveKeepsTheConnectionOpen() throws Exception {
        SocketAddress server = start(FixtureApps.hello());
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            String request = "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
            client.send(request);
            RawResponse first = client.readResponse();
            assertThat(first.hasConnectionToken("keep-alive")).as("an HTTP/1.0 client needs to be told: " + first).isTrue();
            assertThat(client.send(request)).isTrue();
            assertThat(client.readResponse().bodyText()).isEqualTo(FixtureApps.HELLO);
        }
    }

    @Test
    void http10ResponseWithoutLengthIsDelimitedByClose() throws Exception {
        SocketAddress server = start(FixtureApps.streamed());
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"); // keep-alive is impossible without a length
            RawResponse r = client.readResponse();
            assertThat(r.framing()).isEqualTo(BodyFraming.CONNECTION_CLOSE);
            assertThat(r.bodyText()).isEqualTo(FixtureApps.STREAMED_TEXT);
            assertThat(r.hasConnectionToken("keep-alive")).isFalse();
        }
    }

    @Test
    void http11ResponseWithoutLengthIsChunked() throws Exception {
        SocketAddress server = start(FixtureApps.streamed());
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send(GET);
            RawResponse r = client.readResponse();
            assertThat(r.framing()).isEqualTo(BodyFraming.CHUNKED);
            assertThat(r.bodyText()).isEqualTo(FixtureApps.STREAMED_TEXT);
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedQuietly() throws Exception {
        SocketAddress server = start(FixtureApps.hello(), Http1Config.defaults().withKeepAliveTimeout(SHORT));
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send(GET);
            assertThat(client.readResponse().status()).isEqualTo(200);
            assertThat(client.readToEnd()).as("nothing is sent on an idle close").isEmpty();
        }
    }

    @Test
    void connectionIsClosedAfterItsMaximumRequests() throws Exception {
        SocketAddress server = start(FixtureApps.hello(), Http1Config.defaults().withMaxRequestsPerConnection(2));
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send(GET + GET + GET);
            RawResponse first = client.readResponse();
            RawResponse second = client.readResponse();
            assertThat(first.announcesClose()).isFalse();
            assertThat(second.announcesClose()).as("the last allowed response says so").isTrue();
            assertThat(client.readToEnd()).as("the third request is not answered").isEmpty();
        }
    }

    // ---- request bodies ------------------------------------------------------------------------

    @Test
    void chunkedUploadReachesTheAppDechunked() throws Exception {
        SocketAddress server = start(FixtureApps.echoBody());
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "4\r\nWiki\r\n5;ext=1\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: t\r\n\r\n");
            assertThat(client.readResponse().bodyText()).isEqualTo("Wikipedia in\r\n\r\nchunks.");
        }
    }

    @Test
    void unreadBodyIsDrainedAndTheConnectionReused() throws Exception {
        SocketAddress server = start(FixtureApps.ignoresBody());
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            byte[] body = FixtureApps.pattern(100_000);
            client.send(concat(("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                    body, GET.getBytes(StandardCharsets.US_ASCII)));
            List<RawResponse> responses = client.readResponses(2);
            assertThat(responses).extracting(RawResponse::status).containsExactly(200, 200);
            assertThat(responses.getFirst().announcesClose()).isFalse();
        }
    }

    @Test
    void unreadBodyTooLargeToDrainClosesTheConnection() throws Exception {
        SocketAddress server = start(FixtureApps.ignoresBody());
        long declared = Http1Config.defaults().maxDrainBytes() + 1_000_000;
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + declared + "\r\n\r\nthe start of a body");
            RawResponse r = client.readResponse();
            assertThat(r.status()).isEqualTo(200);
            byte[] rest = client.readToEnd(); // throws if the server keeps the connection open
            assertThat(rest).isEmpty();
            assertThat(r.announcesClose()).as("a server that closes says so (RFC 9112 9.6): " + r).isTrue();
        }
    }

    @Test
    void declaredBodyOverTheLimitIsRejected413() throws Exception {
        SocketAddress server = start(FixtureApps.echoBody(), Http1Config.defaults().withMaxBodyBytes(1000));
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n");
            RawResponse r = client.readResponse();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.announcesClose()).isTrue();
        }
    }

    @Test
    void chunkedBodyOverTheLimitIsRejected413() throws Exception {
        SocketAddress server = start(FixtureApps.echoBody(), Http1Config.defaults().withMaxBodyBytes(1000));
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            String chunk = "x".repeat(600);
            client.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n");
            RawResponse r = client.readResponse();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.announcesClose()).isTrue();
        }
    }

    @Test
    void stalledUploadIsCutOffWith408() throws Exception {
        SocketAddress server = start(FixtureApps.echoBody(), Http1Config.defaults().withBodyIdleTimeout(SHORT));
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"); // 7 bytes never come
            RawResponse r = client.readResponse();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.announcesClose()).isTrue();
            assertThat(client.readToEnd()).isEmpty();
        }
    }

    // ---- Expect: 100-continue -------------------------------------------------------------------

    @Test
    void continueIsSentWhenTheAppReadsTheBody() throws Exception {
        SocketAddress server = start(FixtureApps.echoBody());
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            RawResponse interim = client.readResponse(); // the body is held back until this arrives
            assertThat(interim.status()).isEqualTo(100);
            client.send("hello");
            RawResponse r = client.readResponse();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("hello");
        }
    }

    @Test
    void continueIsSentWhenTheAppReadsTheBodyLate() throws Exception {
        SocketAddress server = start(FixtureApps.slowReader());
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n");
            assertThat(client.readResponse().status()).isEqualTo(100);
            client.send("5\r\nlate!\r\n0\r\n\r\n");
            assertThat(client.readResponse().bodyText()).isEqualTo("late!");
        }
    }

    @Test
    void noContinueWhenTheAppAnswersWithoutReading() throws Exception {
        SocketAddress server = start(FixtureApps.ignoresBody());
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            RawResponse r = client.readResponse(); // an eager 100 would come first
            assertThat(r.status()).as("first response to a request whose body was never read").isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo(FixtureApps.IGNORED_BODY_ANSWER);
        }
    }

    @Test
    void noContinueWhenTheDeclaredBodyIsTooLarge() throws Exception {
        SocketAddress server = start(FixtureApps.echoBody(), Http1Config.defaults().withMaxBodyBytes(1000));
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n");
            assertThat(client.readResponse().status()).isEqualTo(413);
        }
    }

    // ---- limits on clients ----------------------------------------------------------------------

    @Test
    void slowlorisClientIsCutOffWith408() throws Exception {
        SocketAddress server = start(FixtureApps.hello(), Http1Config.defaults().withHeaderTimeout(SHORT));
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send("GET / HTTP/1.1\r\nHost: localhost\r\n");
            // Trickle a header line every 200 ms, never finishing the head, until the server reacts.
            for (int i = 0; i < 100 && !client.awaitData(Duration.ofMillis(200)); i++) {
                if (!client.send("X-Slow-" + i + ": a\r\n")) break;
            }
            RawResponse r = client.readResponse();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.announcesClose()).isTrue();
            assertThat(client.readToEnd()).isEmpty();
        }
    }

    @Test
    void connectionsPastTheLimitAreAnswered503() throws Exception {
        SocketAddress server = start(FixtureApps.hello(), Http1Config.defaults().withMaxConnections(1));
        try (RawHttpClient holder = RawHttpClient.connect(server)) {
            holder.send(GET);
            assertThat(holder.readResponse().status()).isEqualTo(200); // accepted and counted, kept open

            try (RawHttpClient extra = RawHttpClient.connect(server)) {
                if (!extra.awaitData(Duration.ofSeconds(2))) extra.send(GET); // the 503 may come unasked or after a request
                RawResponse r = extra.readResponse();
                assertThat(r.status()).isEqualTo(503);
                assertThat(extra.readToEnd()).isEmpty();
            }
        }
        assertThat(eventuallyAnswers200(server)).as("a slot is free again once the holder left").isTrue();
    }

    // ---- shutdown -------------------------------------------------------------------------------

    @Test
    void gracefulShutdownFinishesTheInFlightRequestClosesIdleOnesAndRefusesNewOnes() throws Exception {
        Gate gate = new Gate();
        Application gated = FixtureApps.waitsAtGate(gate);
        Application hello = FixtureApps.hello();
        Http1Server server = new Http1Server(
                (environ, start) -> environ.pathInfo().equals("/gate") ? gated.call(environ, start) : hello.call(environ, start),
                Http1Config.defaults().withShutdownGrace(Duration.ofSeconds(20)))
                .listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        servers.add(server);
        SocketAddress address = server.addresses().getFirst().toSocketAddress();

        try (RawHttpClient idle = RawHttpClient.connect(address); RawHttpClient busy = RawHttpClient.connect(address)) {
            idle.send(GET);
            assertThat(idle.readResponse().status()).isEqualTo(200);
            busy.send(get("/gate"));
            assertThat(gate.awaitEntered(OUTCOME_BOUND)).as("the request reached the app").isTrue();

            Thread stopper = Thread.ofPlatform().name("test-shutdown").start(server::shutdown);
            try {
                assertThat(idle.readToEnd()).as("the idle keep-alive connection is closed").isEmpty();
                assertThat(newConnectionsAreRefused(address)).as("new connections are refused").isTrue();

                gate.open();
                RawResponse inFlight = busy.readResponse();
                assertThat(inFlight.status()).isEqualTo(200);
                assertThat(inFlight.bodyText()).isEqualTo(FixtureApps.HELLO);
                assertThat(busy.readToEnd()).as("closed after the in-flight response").isEmpty();
            } finally {
                gate.open();
                stopper.join(OUTCOME_BOUND);
            }
            assertThat(stopper.isAlive()).as("shutdown() returned").isFalse();
        }
    }

    // ---- listeners ------------------------------------------------------------------------------

    @Test
    void unixSocketServesRequests() throws Exception {
        Http1Server server = new Http1Server(FixtureApps.pathEcho(), Http1Config.defaults())
                .listen(ListenAddress.unix(tempDir.resolve("http.sock"))).start();
        servers.add(server);
        try (RawHttpClient client = RawHttpClient.connect(server.addresses().getFirst().toSocketAddress())) {
            client.send(get("/over/unix") + get("/again"));
            assertThat(client.readResponses(2)).extracting(RawResponse::bodyText).containsExactly("/over/unix", "/again");
        }
    }

    @Test
    void severalListenersServeTheSameApp() throws Exception {
        Http1Server server = new Http1Server(FixtureApps.hello(), Http1Config.defaults())
                .listen(ListenAddress.tcp("127.0.0.1", 0))
                .listen(ListenAddress.unix(tempDir.resolve("second.sock")))
                .start();
        servers.add(server);
        assertThat(server.addresses()).hasSize(2);
        for (ListenAddress address : server.addresses()) {
            try (RawHttpClient client = RawHttpClient.connect(address.toSocketAddress())) {
                client.send(GET);
                assertThat(client.readResponse().bodyText()).as(address.toString()).isEqualTo(FixtureApps.HELLO);
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private SocketAddress start(Application app) throws Exception {
        return start(app, Http1Config.defaults());
    }

    private SocketAddress start(Application app, Http1Config config) throws Exception {
        Http1Server server = new Http1Server(app, config).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        servers.add(server);
        return server.addresses().getFirst().toSocketAddress();
    }

    private static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** Polls (bounded) until a fresh connection gets a 200: the server noticed a closed connection. */
    private static boolean eventuallyAnswers200(SocketAddress server) throws Exception {
        long until = System.nanoTime() + OUTCOME_BOUND.toNanos();
        while (System.nanoTime() < until) {
            try (RawHttpClient client = RawHttpClient.connect(server)) {
                client.send(GET);
                if (client.readResponse().status() == 200) return true;
            } catch (java.io.IOException retry) {
                // 503 and close, or reset: not yet
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Polls (bounded) until connecting fails: the listener is closed. */
    private static boolean newConnectionsAreRefused(SocketAddress server) throws Exception {
        long until = System.nanoTime() + OUTCOME_BOUND.toNanos();
        while (System.nanoTime() < until) {
            try {
                RawHttpClient.connect(server, Duration.ofSeconds(1)).close();
                Thread.sleep(50); // still accepting at the socket level: try again
            } catch (ConnectException refused) {
                return true;
            }
        }
        return false;
    }
}
