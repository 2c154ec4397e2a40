package dev.gatehouse.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.Header;
import dev.gatehouse.core.GatewayHandler;
import dev.gatehouse.core.ProtocolException;
import dev.gatehouse.core.Validator;
import dev.gatehouse.core.net.ListenAddress;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream-protocol gateway against scripted backends on real sockets, each request run through
 * {@link GatewayHandler} with the app inside a {@link Validator}. Every test ends with every
 * connection permit given back.
 */
class StreamProxyAppTest {
    private static final String OK_HEAD = "Status: 200 OK\r\nContent-Type: text/plain\r\n\r\n";

    private final Validator validator = new Validator();
    private final List<StreamProxyApp> proxies = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    /** Released at the end of each test, so backends that hold a connection let go. */
    private final CountDownLatch testOver = new CountDownLatch(1);

    @TempDir
    Path dir;

    @AfterEach
    void everyPermitCameBackAndNobodyBrokeTheContract() throws Exception {
        testOver.countDown();
        try {
            for (StreamProxyApp p : proxies) assertThat(p.available()).as("free connections of " + p).isEqualTo(p.config().maxConnections());
            assertThat(validator.violations()).isEmpty();
        } finally {
            for (StreamProxyApp p : proxies) p.close();
            for (AutoCloseable c : closing) c.close();
        }
    }

    private ScriptedStreamBackend backend(ScriptedStreamBackend backend) {
        closing.add(backend);
        return backend;
    }

    private StreamProxyApp proxy(BackendTarget target, StreamClientConfig config, Supplier<Application> dispatcher) {
        StreamProxyApp p = new StreamProxyApp("TEST", target, config, ScriptedStreamBackend.ENCODER, dispatcher);
        proxies.add(p);
        return p;
    }

    private StreamProxyApp proxy(ScriptedStreamBackend backend) {
        return proxy(backend.target(), StreamClientConfig.defaults(), null);
    }

    private StreamProxyApp proxy(ScriptedStreamBackend backend, StreamClientConfig config) {
        return proxy(backend.target(), config, null);
    }

    private ResponseRecorder run(Application app, Environ env) {
        return run(app, env, new ResponseRecorder());
    }

    private ResponseRecorder run(Application app, Environ env, ResponseRecorder recorder) {
        GatewayHandler.run(validator.wrap(app), env, recorder);
        return recorder;
    }

    /** Waits (bounded) for the test to end; for backends that hold their connection. */
    private void awaitTestOver() throws InterruptedException {
        testOver.await(30, TimeUnit.SECONDS);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Nested
    class Request {
        @Test
        void forwardsTheCgiVariablesWithContentLengthButNeverHttpProxy() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.answering(OK_HEAD + "hi"));
            Environ env = TestRequests.post("/form", "hello".getBytes(StandardCharsets.US_ASCII))
                    .put("HTTP_PROXY", "http://evil:1").put("HTTP_X_TOKEN", "t").put(EnvironKeys.QUERY_STRING, "a=1");

            ResponseRecorder r = run(proxy(backend), env);

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("hi");
            ScriptedStreamBackend.Received got = backend.nextRequest();
            assertThat(got.length()).isEqualTo(5);
            assertThat(got.bodyText()).isEqualTo("hello");
            assertThat(got.vars()).containsEntry("CONTENT_LENGTH", "5").containsEntry("CONTENT_TYPE", "application/octet-stream")
                    .containsEntry("REQUEST_METHOD", "POST").containsEntry("SCRIPT_NAME", "/app").containsEntry("PATH_INFO", "/form")
                    .containsEntry("QUERY_STRING", "a=1").containsEntry("REQUEST_URI", "/app/form?a=1").containsEntry("HTTP_X_TOKEN", "t")
                    .containsEntry("GATEWAY_INTERFACE", "CGI/1.1").containsEntry("SERVER_SOFTWARE", "Gatehouse")
                    .containsEntry("REQUEST_SCHEME", "http").containsEntry("DOCUMENT_URI", "/app/form")
                    .doesNotContainKeys("HTTP_PROXY", "HTTPS", "REDIRECT_STATUS", "gateway.input");
        }

        @Test
        void aRequestWithoutABodySendsContentLengthZero() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.answering(OK_HEAD + "hi"));

            assertThat(run(proxy(backend), TestRequests.get("/")).bodyText()).isEqualTo("hi");

            ScriptedStreamBackend.Received got = backend.nextRequest();
            assertThat(got.length()).isZero();
            assertThat(got.vars()).containsEntry("CONTENT_LENGTH", "0");
        }

        @Test
        void streamsALargeBodyAsTheClientSendsIt() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.answering(OK_HEAD + "got it"));
            byte[] body = randomBytes(3 * 1024 * 1024 + 7);
            InputStream trickle = new FilterInputStream(new java.io.ByteArrayInputStream(body)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return super.read(b, off, Math.min(len, 1000)); // a client whose bytes come in small pieces
                }
            };

            ResponseRecorder r = run(proxy(backend), TestRequests.post("/upload", trickle, body.length));

            assertThat(r.bodyText()).isEqualTo("got it");
            ScriptedStreamBackend.Received got = backend.nextRequest();
            assertThat(got.vars()).containsEntry("CONTENT_LENGTH", Integer.toString(body.length));
            assertThat(got.body()).isEqualTo(body);
        }

        @Test
        void aChunkedBodyIsBufferedToGiveTheBackendItsLength() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.answering(OK_HEAD + "ok"));
            byte[] body = randomBytes(100_000);

            ResponseRecorder r = run(proxy(backend), TestRequests.chunked("/upload", body));

            assertThat(r.status()).isEqualTo(200);
            ScriptedStreamBackend.Received got = backend.nextRequest();
            assertThat(got.vars()).containsEntry("CONTENT_LENGTH", "100000");
            assertThat(got.body()).isEqualTo(body);
        }

        @Test
        void aChunkedBodyOverTheLimitIs413AndNeverReachesTheBackend() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.answering(OK_HEAD + "ok"));
            StreamProxyApp app = proxy(backend, StreamClientConfig.defaults().withMaxUnsizedBodyBytes(10));

            ResponseRecorder r = run(app, TestRequests.chunked("/upload", "0123456789!".getBytes(StandardCharsets.US_ASCII)));

            assertThat(r.status()).isEqualTo(413);
            assertThat(r.bodyText()).contains("larger than 10 bytes").contains("TEST backend");
            assertThat(backend.connections()).isZero();
        }

        @Test
        void anEncoderRefusalIsAnsweredWithItsStatusWithoutConnecting() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.answering(OK_HEAD + "ok"));
            StreamProxyApp app = new StreamProxyApp("TEST", backend.target(), StreamClientConfig.defaults(), (vars, length) -> {
                throw new ProtocolException(431, "the variables do not fit in the head");
            }, null);
            proxies.add(app);

            assertThat(run(app, TestRequests.get("/")).status()).isEqualTo(431);
            assertThat(backend.connections()).isZero();
        }

        @Test
        void aBackendThatAnswersWithoutReadingTheBodyAndClosesIsRelayed() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.tcp(c -> {
                c.readHead();
                c.write(OK_HEAD + "early"); // and closes with the body unread
            }));
            byte[] body = randomBytes(16 * 1024 * 1024);

            ResponseRecorder r = run(proxy(backend), TestRequests.post("/ignore", body));

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("early");
            assertThat(r.finished()).isTrue();
        }

        @Test
        void aSmallBodyTheBackendNeverReadsEndsAFinishedResponse() throws Exception {
            CountDownLatch closed = new CountDownLatch(1);
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.tcp(c -> {
                c.readHead();
                c.write(OK_HEAD + "early");
                c.channel.close(); // with the body unread: the kernel resets the connection
                closed.countDown();
            }));
            InputStream body = new FilterInputStream(new java.io.ByteArrayInputStream(randomBytes(100_000))) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        closed.await(30, TimeUnit.SECONDS); // the rest of the body comes after the backend closed
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException();
                    }
                    return super.read(b, off, len);
                }
            };

            ResponseRecorder r = run(proxy(backend), TestRequests.post("/ignore", body, 100_000));

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("early");
            assertThat(r.finished()).isTrue();
        }

        @Test
        void aSmallBodyTheBackendDoesNotReadBeforeItClosesEndsAFinishedResponse() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.tcp(c -> {
                c.readHead();
                c.write(OK_HEAD + "early"); // and closes with (part of) the body unread: the kernel resets the connection
            }));

            ResponseRecorder r = run(proxy(backend), TestRequests.post("/ignore", randomBytes(20_000)));

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("early");
            assertThat(r.finished()).isTrue();
        }

        @Test
        void aBackendOnAUnixSocketThatAnswersWithoutReadingTheBodyIsRelayed() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.unix(dir.resolve("early.sock"), c -> {
                c.readHead();
                c.write(OK_HEAD + "early");
            }));
            byte[] body = randomBytes(16 * 1024 * 1024);

            ResponseRecorder r = run(proxy(backend), TestRequests.post("/ignore", body));

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("early");
        }

        @Test
        void aBackendThatAnswersWithoutReadingTheBodyAndKeepsTheConnectionOpenIsRelayedAfterTheSendTimeout() throws Exception {
            CountDownLatch relayed = new CountDownLatch(1);
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.tcp(c -> {
                c.readHead();
                c.write(OK_HEAD + "early");
                c.event(relayed.await(30, TimeUnit.SECONDS) ? "relayed" : "not relayed"); // then closes
            }));
            StreamProxyApp app = proxy(backend, StreamClientConfig.defaults().withSendTimeout(Duration.ofMillis(300)));
            byte[] body = randomBytes(64 * 1024 * 1024); // more than the socket buffers hold

            ResponseRecorder r = run(app, TestRequests.post("/ignore", body), new ResponseRecorder().onBody(relayed::countDown));

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("early");
            assertThat(backend.nextEvent()).isEqualTo("relayed");
        }
    }

    @Nested
    class Response {
        @Test
        void aStatusHeadGivesTheStatusAndHeaders() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.answering(
                    "Status: 404 Not Found\r\nContent-Type: text/plain\r\nX-Why: gone\r\n\r\nnope"));

            ResponseRecorder r = run(proxy(backend), TestRequests.get("/missing"));

            assertThat(r.status()).isEqualTo(404);
            assertThat(r.header("X-Why")).isEqualTo("gone");
            assertThat(r.header("Status")).isNull();
            assertThat(r.bodyText()).isEqualTo("nope");
        }

        @Test
        void anHttpStatusLineHeadGivesTheStatus() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.answering(
                    "HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nmade"));

            ResponseRecorder r = run(proxy(backend), TestRequests.get("/new"));

            assertThat(r.status()).isEqualTo(201);
            assertThat(r.head().contentLength()).isEqualTo(4);
            assertThat(r.bodyText()).isEqualTo("made");
            assertThat(r.finished()).isTrue();
        }

        @Test
        void theBodyIsRelayedAsItArrives() throws Exception {
            CountDownLatch firstRelayed = new CountDownLatch(1);
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.tcp(c -> {
                c.readRequest();
                c.write(OK_HEAD + "one,");
                c.event(firstRelayed.await(30, TimeUnit.SECONDS) ? "first piece relayed" : "not relayed");
                c.write("two");
            }));

            ResponseRecorder r = run(proxy(backend), TestRequests.get("/stream"), new ResponseRecorder().onBody(firstRelayed::countDown));

            assertThat(backend.nextEvent()).isEqualTo("first piece relayed");
            assertThat(r.chunks).containsExactly("one,", "two");
            assertThat(r.finished()).isTrue();
        }

        @Test
        void aHeadThenTheEndIsACompleteEmptyResponse() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.answering("Status: 200 OK\r\nContent-Type: text/plain\r\n\r\n"));

            ResponseRecorder r = run(proxy(backend), TestRequests.get("/empty"));

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEmpty();
            assertThat(r.finished()).isTrue();
        }

        @Test
        void aClientRedirectIsAnswered302() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.answering("Location: https://example.org/next\r\n\r\n"));

            ResponseRecorder r = run(proxy(backend), TestRequests.get("/old"));

            assertThat(r.status()).isEqualTo(302);
            assertThat(r.header("Location")).isEqualTo("https://example.org/next");
            assertThat(r.head().contentLength()).isZero();
            assertThat(r.finished()).isTrue();
        }

        @Test
        void theClientLeavingClosesTheBackendConnection() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.tcp(c -> {
                c.readRequest();
                c.write(OK_HEAD);
                byte[] chunk = new byte[16 * 1024];
                try {
                    for (int i = 0; i < 100_000; i++) c.write(chunk);
                    c.event("never closed");
                } catch (IOException closed) {
                    c.event("closed");
                }
            }));

            ResponseRecorder r = run(proxy(backend), TestRequests.get("/endless"), new ResponseRecorder().goneOnBody());

            assertThat(r.aborted()).isTrue();
            assertThat(backend.nextEvent()).isEqualTo("closed");
        }
    }

    @Nested
    class LocalRedirect {
        @Test
        void goesThroughTheDispatcherAsAGet() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.answering("Location: /elsewhere/page?x=1\r\n\r\n"));
            AtomicReference<Environ> seen = new AtomicReference<>();
            Application root = (env, start) -> {
                seen.set(env);
                start.start(200, Header.of("Content-Type", "text/plain"));
                return Body.of("root saw " + env.pathInfo() + "?" + env.queryString());
            };
            StreamProxyApp app = proxy(backend.target(), StreamClientConfig.defaults(), () -> root);

            ResponseRecorder r = run(app, TestRequests.post("/form", "a=b".getBytes(StandardCharsets.US_ASCII)));

            assertThat(r.bodyText()).isEqualTo("root saw /elsewhere/page?x=1");
            assertThat(seen.get().requestMethod()).isEqualTo("GET");
            assertThat(seen.get().scriptName()).isEmpty();
            assertThat(seen.get().containsKey(EnvironKeys.CONTENT_LENGTH)).isFalse();
        }

        @Test
        void staysInsideTheMountWithoutADispatcherOnAFreedConnection() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.tcp(c -> {
                ScriptedStreamBackend.Received got = c.readRequest();
                if (got.vars().get("PATH_INFO").equals("/first")) c.write("Location: /app/second?y=2\r\n\r\n");
                else c.write(OK_HEAD + "second");
            }));
            StreamProxyApp app = proxy(backend, StreamClientConfig.defaults().withMaxConnections(1).withQueueTimeout(Duration.ofMillis(200)));

            ResponseRecorder r = run(app, TestRequests.post("/first", "a=b".getBytes(StandardCharsets.US_ASCII)));

            assertThat(r.bodyText()).isEqualTo("second");
            assertThat(backend.nextRequest().vars()).containsEntry("PATH_INFO", "/first");
            ScriptedStreamBackend.Received second = backend.nextRequest();
            assertThat(second.vars()).containsEntry("REQUEST_METHOD", "GET").containsEntry("SCRIPT_NAME", "/app")
                    .containsEntry("PATH_INFO", "/second").containsEntry("QUERY_STRING", "y=2").containsEntry("CONTENT_LENGTH", "0");
        }

        @Test
        void outsideTheMountWithoutADispatcherIs502() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.answering("Location: /other/page\r\n\r\n"));

            assertThat(run(proxy(backend), TestRequests.get("/x")).status()).isEqualTo(502);
        }

        @Test
        void aLoopEndsWith502AfterTheLimit() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.tcp(c -> {
                c.readRequest();
                c.write("Location: /app/again\r\n\r\n");
            }));
            StreamClientConfig config = StreamClientConfig.defaults().withMaxConnections(1).withMaxLocalRedirects(3);

            assertThat(run(proxy(backend, config), TestRequests.get("/again")).status()).isEqualTo(502);
            assertThat(backend.connections()).isEqualTo(4);
        }
    }

    @Nested
    class Failure {
        @Test
        void aMalformedHeadIs502() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.answering("Content-Type : text/plain\r\n\r\nbody"));

            ResponseRecorder r = run(proxy(backend), TestRequests.get("/x"));

            assertThat(r.status()).isEqualTo(502);
            assertThat(r.bodyText()).isEqualTo("502 Bad Gateway\n");
        }

        @Test
        void closingBeforeAnyHeadIs502() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.tcp(c -> c.readRequest()));

            assertThat(run(proxy(backend), TestRequests.get("/x")).status()).isEqualTo(502);
        }

        @Test
        void aBackendNobodyListensForIs502WithOneLogLine() throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort(); // closed again: nothing listens there
            }
            StreamProxyApp app = proxy(BackendTarget.parse("test", "test://127.0.0.1:" + port), StreamClientConfig.defaults(), null);

            String log = stderrOf(() -> assertThat(run(app, TestRequests.get("/x")).status()).isEqualTo(502));

            assertThat(log).contains("TEST test://127.0.0.1:" + port + " for GET /app/x: cannot connect to test://127.0.0.1:" + port
                    + ": connection refused or unreachable (answered 502)");
        }

        @Test
        void aMissingUnixSocketIs502() {
            StreamProxyApp app = proxy(new BackendTarget("test", ListenAddress.unix(dir.resolve("none.sock"))), StreamClientConfig.defaults(), null);

            assertThat(run(app, TestRequests.get("/x")).status()).isEqualTo(502);
        }

        @Test
        void noHeadWithinTheReadTimeoutIs504() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.tcp(c -> {
                c.readRequest();
                awaitTestOver();
            }));

            ResponseRecorder r = run(proxy(backend, StreamClientConfig.defaults().withReadTimeout(Duration.ofMillis(300))), TestRequests.get("/slow"));

            assertThat(r.status()).isEqualTo(504);
        }

        @Test
        void aBackendThatStopsMidBodyAbortsTheResponse() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.tcp(c -> {
                c.readRequest();
                c.write(OK_HEAD + "part");
                awaitTestOver();
            }));

            ResponseRecorder r = run(proxy(backend, StreamClientConfig.defaults().withReadTimeout(Duration.ofMillis(300))), TestRequests.get("/stall"));

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("part");
            assertThat(r.aborted()).isTrue();
        }

        @Test
        void aBackendThatTakesNoRequestBytesIs504() throws Exception {
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.tcp(c -> awaitTestOver()));
            StreamProxyApp app = proxy(backend, StreamClientConfig.defaults().withSendTimeout(Duration.ofMillis(300)));

            assertThat(run(app, TestRequests.post("/big", randomBytes(64 * 1024 * 1024))).status()).isEqualTo(504);
        }

        @Test
        void everyConnectionBusyPastTheQueueTimeoutIs503() throws Exception {
            CountDownLatch release = new CountDownLatch(1);
            ScriptedStreamBackend backend = backend(ScriptedStreamBackend.tcp(c -> {
                c.readRequest();
                c.event("holding");
                c.event(release.await(30, TimeUnit.SECONDS) ? "released" : "not released");
                c.write(OK_HEAD + "late");
            }));
            StreamProxyApp app = proxy(backend, StreamClientConfig.defaults().withMaxConnections(1).withQueueTimeout(Duration.ofMillis(200)));
            AtomicReference<ResponseRecorder> first = new AtomicReference<>();
            Thread holder = Thread.ofVirtual().start(() -> first.set(run(app, TestRequests.get("/hold"))));
            assertThat(backend.nextEvent()).isEqualTo("holding");

            ResponseRecorder second = run(app, TestRequests.get("/second"));

            assertThat(second.status()).isEqualTo(503);
            release.countDown();
            assertThat(holder.join(Duration.ofSeconds(30))).isTrue();
            assertThat(first.get().bodyText()).isEqualTo("late");
            assertThat(backend.connections()).isEqualTo(1);
        }
    }

    /** What {@code action} logs (slf4j-simple writes to whatever System.err is at the time). */
    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
