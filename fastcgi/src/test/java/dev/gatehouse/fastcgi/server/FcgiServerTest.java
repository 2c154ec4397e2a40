package dev.gatehouse.fastcgi.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.fastcgi.codec.FcgiParams;
import dev.gatehouse.fastcgi.codec.FcgiProtocolStatus;
import dev.gatehouse.fastcgi.codec.FcgiRecord;
import dev.gatehouse.fastcgi.codec.FcgiRecordEncoder;
import dev.gatehouse.fastcgi.codec.FcgiRecordType;
import dev.gatehouse.fastcgi.codec.FcgiRole;
import dev.gatehouse.testkit.EnvironLines;
import dev.gatehouse.testkit.FixtureApps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The FastCGI server's protocol behaviour, driven record by record by the raw test client. */
class FcgiServerTest {
    private FcgiServer server;

    @AfterEach
    void stop() {
        if (server != null) server.shutdown();
    }

    private InetSocketAddress serve(Application app, FcgiConfig config) throws IOException {
        server = new FcgiServer(app, config).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        return (InetSocketAddress) server.addresses().getFirst().toSocketAddress();
    }

    private InetSocketAddress serve(Application app) throws IOException {
        return serve(app, FcgiConfig.defaults());
    }

    static Map<String, String> get(String path) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("REQUEST_METHOD", "GET");
        p.put("SCRIPT_NAME", path);
        p.put("REQUEST_URI", path);
        p.put("QUERY_STRING", "");
        p.put("SERVER_PROTOCOL", "HTTP/1.1");
        p.put("SERVER_NAME", "localhost");
        p.put("SERVER_PORT", "80");
        return p;
    }

    /** Answers its PATH_INFO; "/wait" first waits for {@code release}, counting interrupts in {@code interrupted}. */
    private static Application waitingEcho(CountDownLatch entered, CountDownLatch release, AtomicBoolean interrupted) {
        return (environ, start) -> {
            if (environ.pathInfo().equals("/wait")) {
                entered.countDown();
                try {
                    if (!release.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw e;
                }
            }
            start.start(Status.OK, List.of(Header.of("Content-Type", "text/plain")));
            return Body.of(environ.pathInfo());
        };
    }

    @Test
    void answersAResponderRequestWithACgiResponse() throws Exception {
        try (FcgiTestClient client = FcgiTestClient.connect(serve(FixtureApps.hello()))) {
            FcgiTestClient.Answer answer = client.request(1, get("/"), new byte[0], true);
            assertThat(answer.ended()).isTrue();
            assertThat(answer.protocolStatus()).isEqualTo(FcgiProtocolStatus.REQUEST_COMPLETE.code);
            assertThat(answer.stdoutText()).startsWith("Status: 200 OK\r\n").contains("Content-Length: 14\r\n").endsWith("\r\n\r\n" + FixtureApps.HELLO);
            // FCGI_KEEP_CONN was set: the connection serves a second request
            assertThat(client.request(1, get("/again"), new byte[0], true).ended()).isTrue();
        }
    }

    @Test
    void closesTheConnectionAfterARequestWithoutKeepConn() throws Exception {
        try (FcgiTestClient client = FcgiTestClient.connect(serve(FixtureApps.hello()))) {
            assertThat(client.request(1, get("/"), new byte[0], false).ended()).isTrue();
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void multiplexedRequestsAreAnsweredIndependently() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (FcgiTestClient client = FcgiTestClient.connect(serve(waitingEcho(entered, release, new AtomicBoolean())))) {
            client.begin(1, FcgiRole.RESPONDER, true);
            client.params(1, get("/wait"));
            client.endStdin(1);
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            client.begin(2, FcgiRole.RESPONDER, true);
            client.params(2, get("/fast"));
            client.endStdin(2);
            FcgiTestClient.Answer fast = client.readAnswer(2); // answered while request 1 still waits
            assertThat(fast.stdoutText()).endsWith("/fast");
            release.countDown();
            assertThat(client.readAnswer(1).stdoutText()).endsWith("/wait");
        }
    }

    @Test
    void abortRequestInterruptsTheAppAndIsAnsweredWithEndRequest() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        try (FcgiTestClient client = FcgiTestClient.connect(serve(waitingEcho(entered, new CountDownLatch(1), interrupted)))) {
            client.begin(1, FcgiRole.RESPONDER, true);
            client.params(1, get("/wait"));
            client.endStdin(1);
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            client.abort(1);
            FcgiTestClient.Answer answer = client.readAnswer(1);
            assertThat(answer.ended()).isTrue();
            assertThat(answer.stdout()).isEmpty();
            // the connection lives on, and the id may be used again
            assertThat(client.request(1, get("/next"), new byte[0], true).stdoutText()).endsWith("/next");
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!interrupted.get() && System.nanoTime() < until) Thread.sleep(10);
        assertThat(interrupted).as("the app thread was interrupted").isTrue();
    }

    @Test
    void abortWhileTheBodyIsStillComingEndsTheRequestAndDiscardsTheRest() throws Exception {
        try (FcgiTestClient client = FcgiTestClient.connect(serve(FixtureApps.echoBody()))) {
            Map<String, String> post = get("/");
            post.put("REQUEST_METHOD", "POST");
            post.put("CONTENT_LENGTH", "10");
            client.begin(1, FcgiRole.RESPONDER, true);
            client.params(1, post);
            client.stdin(1, "01234".getBytes(StandardCharsets.US_ASCII));
            client.abort(1);
            assertThat(client.readAnswer(1).ended()).isTrue();
            client.stdin(1, "56789".getBytes(StandardCharsets.US_ASCII)); // already in flight: dropped, not an error
            client.endStdin(1);
            assertThat(client.request(2, get("/"), new byte[0], true).ended()).isTrue();
        }
    }

    @Test
    void getValuesIsAnsweredWithTheTrueLimits() throws Exception {
        FcgiConfig config = FcgiConfig.defaults().withMaxConnections(7).withMaxRequests(5, 50);
        try (FcgiTestClient client = FcgiTestClient.connect(serve(FixtureApps.hello(), config))) {
            Map<String, String> asked = new LinkedHashMap<>();
            for (String name : List.of("FCGI_MAX_CONNS", "FCGI_MAX_REQS", "FCGI_MPXS_CONNS", "X_UNKNOWN")) asked.put(name, "");
            client.getValues(asked);
            FcgiRecord result = client.next();
            assertThat(result.knownType()).isEqualTo(FcgiRecordType.GET_VALUES_RESULT);
            assertThat(result.requestId()).isZero();
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("FCGI_MAX_CONNS", "7");
            expected.put("FCGI_MAX_REQS", "50");
            expected.put("FCGI_MPXS_CONNS", "1");
            assertThat(result.content()).isEqualTo(FcgiParams.encode(expected));
        }
    }

    @Test
    void unknownRecordTypeIsAnsweredWithUnknownType() throws Exception {
        try (FcgiTestClient client = FcgiTestClient.connect(serve(FixtureApps.hello()))) {
            client.raw(new byte[] {1, 42, 0, 0, 0, 0, 0, 0});
            FcgiRecord answer = client.next();
            assertThat(answer.knownType()).isEqualTo(FcgiRecordType.UNKNOWN_TYPE);
            assertThat(answer.content()[0]).isEqualTo((byte) 42);
            assertThat(client.request(1, get("/"), new byte[0], true).ended()).as("the connection lives on").isTrue();
        }
    }

    @Test
    void rolesNotServedAreAnsweredWithUnknownRole() throws Exception {
        try (FcgiTestClient client = FcgiTestClient.connect(serve(FixtureApps.hello()))) {
            for (int role : new int[] {FcgiRole.FILTER.code, 9}) {
                client.beginWithRole(1, role);
                client.params(1, get("/")); // the rest of a refused request is dropped
                client.endStdin(1);
                FcgiTestClient.Answer answer = client.readAnswer(1);
                assertThat(answer.protocolStatus()).as("role %d", role).isEqualTo(FcgiProtocolStatus.UNKNOWN_ROLE.code);
            }
            assertThat(client.request(1, get("/"), new byte[0], true).ended()).isTrue();
        }
    }

    @Test
    void aRequestOverThePerConnectionLimitIsAnsweredOverloaded() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FcgiConfig config = FcgiConfig.defaults().withMaxRequests(1, 100);
        try (FcgiTestClient client = FcgiTestClient.connect(serve(waitingEcho(entered, release, new AtomicBoolean()), config))) {
            client.begin(1, FcgiRole.RESPONDER, true);
            client.params(1, get("/wait"));
            client.endStdin(1);
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            client.begin(2, FcgiRole.RESPONDER, true);
            assertThat(client.readAnswer(2).protocolStatus()).isEqualTo(FcgiProtocolStatus.OVERLOADED.code);
            client.params(2, get("/dropped"));
            client.endStdin(2);
            release.countDown();
            assertThat(client.readAnswer(1).stdoutText()).endsWith("/wait");
        }
    }

    @Test
    void aRequestOverTheServerWideLimitIsAnsweredOverloaded() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FcgiConfig config = FcgiConfig.defaults().withMaxRequests(10, 1);
        InetSocketAddress address = serve(waitingEcho(entered, release, new AtomicBoolean()), config);
        try (FcgiTestClient first = FcgiTestClient.connect(address); FcgiTestClient second = FcgiTestClient.connect(address)) {
            first.begin(1, FcgiRole.RESPONDER, true);
            first.params(1, get("/wait"));
            first.endStdin(1);
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            second.begin(1, FcgiRole.RESPONDER, true);
            assertThat(second.readAnswer(1).protocolStatus()).isEqualTo(FcgiProtocolStatus.OVERLOADED.code);
            release.countDown();
            assertThat(first.readAnswer(1).ended()).isTrue();
        }
    }

    @Test
    void appErrorsGoOutAsStderr() throws Exception {
        Application app = (environ, start) -> {
            environ.errors().println("something to log");
            start.start(Status.OK, List.of());
            return Body.of("ok");
        };
        try (FcgiTestClient client = FcgiTestClient.connect(serve(app))) {
            FcgiTestClient.Answer answer = client.request(1, get("/"), new byte[0], true);
            assertThat(new String(answer.stderr(), StandardCharsets.UTF_8)).isEqualTo("something to log\n");
            assertThat(answer.stdoutText()).endsWith("ok");
        }
    }

    @Test
    void authorizerGetsNoBodyAndItsPathFromRequestUri() throws Exception {
        try (FcgiTestClient client = FcgiTestClient.connect(serve(FixtureApps.environ()))) {
            Map<String, String> params = get("/private/page");
            params.remove("SCRIPT_NAME");
            params.put("REQUEST_URI", "/private/p%61ge?x=1");
            client.begin(1, FcgiRole.AUTHORIZER, false);
            client.params(1, params);
            FcgiTestClient.Answer answer = client.readAnswer(1);
            int head = answer.stdoutText().indexOf("\r\n\r\n");
            Map<String, String> environ = EnvironLines.parse(java.util.Arrays.copyOfRange(answer.stdout(), head + 4, answer.stdout().length));
            assertThat(environ).containsEntry("FCGI_ROLE", "AUTHORIZER").containsEntry("SCRIPT_NAME", "").containsEntry("PATH_INFO", "/private/page");
        }
    }

    @Test
    void missingRequestMethodIsAnswered400OnThatRequestOnly() throws Exception {
        try (FcgiTestClient client = FcgiTestClient.connect(serve(FixtureApps.hello()))) {
            Map<String, String> params = get("/");
            params.remove("REQUEST_METHOD");
            assertThat(client.request(1, params, new byte[0], true).stdoutText()).startsWith("Status: 400 Bad Request\r\n");
            assertThat(client.request(1, get("/"), new byte[0], true).stdoutText()).startsWith("Status: 200 OK\r\n");
        }
    }

    @Test
    void aBodyLargerThanMemoryIsSpilledAndArrivesWhole() throws Exception {
        byte[] body = FixtureApps.pattern(300_000);
        FcgiConfig config = FcgiConfig.defaults().withBodyLimits(1024, 1 << 20);
        try (FcgiTestClient client = FcgiTestClient.connect(serve(FixtureApps.echoBody(), config))) {
            Map<String, String> post = get("/");
            post.put("REQUEST_METHOD", "POST");
            post.put("CONTENT_LENGTH", Integer.toString(body.length));
            FcgiTestClient.Answer answer = client.request(1, post, body, true);
            int head = answer.stdoutText().indexOf("\r\n\r\n");
            assertThat(java.util.Arrays.copyOfRange(answer.stdout(), head + 4, answer.stdout().length)).isEqualTo(body);
        }
    }

    // ---- malformed input closes the connection --------------------------------------------------

    private void assertClosesConnection(byte[] input) throws Exception {
        try (FcgiTestClient client = FcgiTestClient.connect(serve(FixtureApps.hello()))) {
            client.raw(input);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void badVersionClosesTheConnection() throws Exception {
        assertClosesConnection(new byte[] {2, 1, 0, 1, 0, 8, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0});
    }

    @Test
    void recordForARequestNeverBegunClosesTheConnection() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FcgiRecordEncoder.endStream(out, FcgiRecordType.STDIN, 7);
        assertClosesConnection(out.toByteArray());
    }

    @Test
    void nameValueLengthPastTheParamsLimitClosesTheConnection() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FcgiRecordEncoder.beginRequest(out, 1, FcgiRole.RESPONDER, true);
        byte[] pair = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 'A', 'b'};
        FcgiRecordEncoder.write(out, FcgiRecordType.PARAMS, 1, pair, 0, pair.length);
        assertClosesConnection(out.toByteArray());
    }

    @Test
    void paramsEndingInsideAPairCloseTheConnection() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FcgiRecordEncoder.beginRequest(out, 1, FcgiRole.RESPONDER, true);
        byte[] cut = {4, 5, 'N', 'A'};
        FcgiRecordEncoder.write(out, FcgiRecordType.PARAMS, 1, cut, 0, cut.length);
        FcgiRecordEncoder.endStream(out, FcgiRecordType.PARAMS, 1);
        assertClosesConnection(out.toByteArray());
    }

    @Test
    void tooManyParamsCloseTheConnection() throws Exception {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 1001; i++) many.put("X" + i, "v");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FcgiRecordEncoder.beginRequest(out, 1, FcgiRole.RESPONDER, true);
        byte[] encoded = FcgiParams.encode(many);
        FcgiRecordEncoder.write(out, FcgiRecordType.PARAMS, 1, encoded, 0, encoded.length);
        assertClosesConnection(out.toByteArray());
    }

    @Test
    void truncatedRecordClosesTheConnection() throws Exception {
        try (FcgiTestClient client = FcgiTestClient.connect(serve(FixtureApps.hello()))) {
            client.raw(new byte[] {1, 1, 0, 1, 0, 8});
            client.shutdownOutput();
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void recordsOnlyAnApplicationSendsCloseTheConnection() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FcgiRecordEncoder.endRequest(out, 1, 0, FcgiProtocolStatus.REQUEST_COMPLETE);
        assertClosesConnection(out.toByteArray());
    }

    @Test
    void idleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        FcgiConfig config = FcgiConfig.defaults().withIdleTimeout(Duration.ofMillis(200));
        try (FcgiTestClient client = FcgiTestClient.connect(serve(FixtureApps.hello(), config))) {
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void peerNotAllowedIsRefused() throws Exception {
        FcgiConfig config = FcgiConfig.defaults().withAllowedPeers(List.of(InetAddress.getByName("192.0.2.1")));
        try (FcgiTestClient client = FcgiTestClient.connect(serve(FixtureApps.hello(), config))) {
            assertThat(client.closedByServer()).isTrue();
        }
    }
}
