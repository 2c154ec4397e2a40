package dev.gatehouse.fastcgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.fastcgi.codec.FcgiProtocolStatus;
import dev.gatehouse.fastcgi.codec.FcgiRecord;
import dev.gatehouse.fastcgi.codec.FcgiRecordEncoder;
import dev.gatehouse.fastcgi.codec.FcgiRecordType;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The client's side of the protocol where the real peers cannot show it: FCGI_ABORT_REQUEST on
 * a client disconnect, and malformed backend answers.
 */
class FcgiProxyAppProtocolTest {
    private static final int ID = FcgiClientExchange.REQUEST_ID;

    @Test
    void clientDisconnectSendsAbortRequestAndTheConnectionIsReusedAfterEndRequest() throws Exception {
        ScriptedBackend backend = new ScriptedBackend((in, out, events) -> {
            ScriptedBackend.readRequest(in);
            byte[] head = "Content-Type: text/plain\r\n\r\nfirst".getBytes(StandardCharsets.US_ASCII);
            FcgiRecordEncoder.write(out, FcgiRecordType.STDOUT, ID, head, 0, head.length);
            out.flush();
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = Thread.ofVirtual().start(() -> {
                byte[] chunk = new byte[16 * 1024];
                try {
                    while (!stop.get()) {
                        synchronized (out) {
                            FcgiRecordEncoder.write(out, FcgiRecordType.STDOUT, ID, chunk, 0, chunk.length);
                            out.flush();
                        }
                    }
                } catch (java.io.IOException e) {
                    stop.set(true);
                }
            });
            FcgiRecord next = in.next();
            stop.set(true);
            events.add(next == null ? "eof" : next.knownType());
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (out) {
                FcgiRecordEncoder.endRequest(out, ID, 0, FcgiProtocolStatus.REQUEST_COMPLETE);
                out.flush();
            }
            // the same connection must carry the next request
            ScriptedBackend.readRequest(in);
            byte[] second = "Content-Type: text/plain\r\n\r\nsecond".getBytes(StandardCharsets.US_ASCII);
            FcgiRecordEncoder.write(out, FcgiRecordType.STDOUT, ID, second, 0, second.length);
            FcgiRecordEncoder.endRequest(out, ID, 0, FcgiProtocolStatus.REQUEST_COMPLETE);
            out.flush();
            events.add("second served");
            in.next();
        });
        try (backend;
             FcgiProxyApp proxy = new FcgiProxyApp(FcgiTarget.parse(backend.target()), FcgiClientConfig.defaults().withMaxConnections(1));
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/app", proxy))) {
            try (Socket client = new Socket("127.0.0.1", front.port())) {
                client.getOutputStream().write("GET /app/stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = client.getInputStream();
                String seen = "";
                while (!seen.contains("first")) seen += (char) in.read();
            }
            assertThat(backend.nextEvent()).isEqualTo(FcgiRecordType.ABORT_REQUEST);
            assertThat(front.get("/app/again").body()).isEqualTo("second");
            assertThat(backend.nextEvent()).isEqualTo("second served");
            assertThat(proxy.pool().opened()).isEqualTo(1);
        }
    }

    @Test
    void malformedHeadIs502AndTheConnectionIsNotReused() throws Exception {
        ScriptedBackend backend = new ScriptedBackend((in, out, events) -> {
            ScriptedBackend.readRequest(in);
            byte[] head = "Content-Type : text/plain\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);
            try {
                FcgiRecordEncoder.write(out, FcgiRecordType.STDOUT, ID, head, 0, head.length);
                FcgiRecordEncoder.endRequest(out, ID, 0, FcgiProtocolStatus.REQUEST_COMPLETE);
                out.flush();
            } catch (java.io.IOException closedBeforeWeFinished) {
                // the proxy may close as soon as it has read the bad head: that is the point
                events.add("closed");
                return;
            }
            String outcome;
            try {
                outcome = in.next() == null ? "closed" : "reused";
            } catch (java.io.IOException reset) {
                outcome = "closed"; // closed with our END_REQUEST unread: the peer sees a reset
            }
            events.add(outcome);
        });
        try (backend;
             FcgiProxyApp proxy = new FcgiProxyApp(FcgiTarget.parse(backend.target()), FcgiClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/app", proxy))) {
            assertThat(front.get("/app/x").statusCode()).isEqualTo(502);
            assertThat(backend.nextEvent()).isEqualTo("closed");
        }
    }

    @Test
    void endRequestBeforeAnyHeadIs502() throws Exception {
        ScriptedBackend backend = new ScriptedBackend((in, out, events) -> {
            ScriptedBackend.readRequest(in);
            FcgiRecordEncoder.endRequest(out, ID, 1, FcgiProtocolStatus.REQUEST_COMPLETE);
            out.flush();
            in.next();
        });
        try (backend;
             FcgiProxyApp proxy = new FcgiProxyApp(FcgiTarget.parse(backend.target()), FcgiClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/app", proxy))) {
            assertThat(front.get("/app/x").statusCode()).isEqualTo(502);
        }
    }

    @Test
    void overloadedBackendIs503() throws Exception {
        ScriptedBackend backend = new ScriptedBackend((in, out, events) -> {
            ScriptedBackend.readRequest(in);
            FcgiRecordEncoder.endRequest(out, ID, 0, FcgiProtocolStatus.OVERLOADED);
            out.flush();
            in.next();
        });
        try (backend;
             FcgiProxyApp proxy = new FcgiProxyApp(FcgiTarget.parse(backend.target()), FcgiClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/app", proxy))) {
            assertThat(front.get("/app/x").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void staleKeptConnectionIsRetriedOnAFreshOne() throws Exception {
        ScriptedBackend backend = new ScriptedBackend((in, out, events) -> {
            ScriptedBackend.readRequest(in);
            byte[] head = "Content-Type: text/plain\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
            FcgiRecordEncoder.write(out, FcgiRecordType.STDOUT, ID, head, 0, head.length);
            FcgiRecordEncoder.endRequest(out, ID, 0, FcgiProtocolStatus.REQUEST_COMPLETE);
            out.flush();
            // then close the kept connection, as a restarted backend would
        });
        try (backend;
             FcgiProxyApp proxy = new FcgiProxyApp(FcgiTarget.parse(backend.target()), FcgiClientConfig.defaults().withMaxConnections(1));
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/app", proxy))) {
            assertThat(front.get("/app/1").body()).isEqualTo("ok");
            assertThat(front.get("/app/2").body()).isEqualTo("ok");
            assertThat(proxy.pool().opened()).isEqualTo(2);
        }
    }

    @Test
    void busyPoolAnswers503AfterTheWait() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ScriptedBackend backend = new ScriptedBackend((in, out, events) -> {
            ScriptedBackend.readRequest(in);
            events.add("holding");
            try {
                release.await(); // holds the only connection until the test has its 503
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] head = "Content-Type: text/plain\r\n\r\nlate".getBytes(StandardCharsets.US_ASCII);
            FcgiRecordEncoder.write(out, FcgiRecordType.STDOUT, ID, head, 0, head.length);
            FcgiRecordEncoder.endRequest(out, ID, 0, FcgiProtocolStatus.REQUEST_COMPLETE);
            out.flush();
            in.next();
        });
        FcgiClientConfig config = FcgiClientConfig.defaults().withMaxConnections(1).withPoolWaitTimeout(java.time.Duration.ofMillis(200));
        try (backend;
             FcgiProxyApp proxy = new FcgiProxyApp(FcgiTarget.parse(backend.target()), config);
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/app", proxy))) {
            java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> first =
                    front.client().sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(front.url("/app/hold"))).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(backend.nextEvent()).isEqualTo("holding");
            assertThat(front.get("/app/second").statusCode()).isEqualTo(503);
            release.countDown();
            assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS).body()).isEqualTo("late");
        }
    }
}
