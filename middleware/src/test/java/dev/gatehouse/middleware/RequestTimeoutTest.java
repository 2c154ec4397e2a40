package dev.gatehouse.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.Header;
import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * No assertion here depends on timing: the apps block until they are interrupted (bounded at 30 s
 * so a broken timeout fails instead of hanging), and the tests look at what came out of it.
 */
class RequestTimeoutTest {
    private static final Duration SHORT = Duration.ofMillis(100);
    private static final long BOUND_SECONDS = 30;

    private final RequestTimeout timeout = RequestTimeout.of(SHORT);
    private final AtomicBoolean interrupted = new AtomicBoolean();

    /** Blocks until interrupted; records it and fails the way blocking code does. */
    private void blocksUntilInterrupted() throws InterruptedException {
        try {
            new CountDownLatch(1).await(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted.set(true);
            throw e;
        }
    }

    private GatewayRun.Response run(Application app) {
        GatewayRun.Response r = GatewayRun.run(timeout, app, GatewayRun.get("/slow"));
        assertThat(r.violations()).isEmpty();
        return r;
    }

    @Test
    void answers504AndInterruptsAnAppThatBlocksInItsCall() {
        Application stuck = (env, sr) -> {
            blocksUntilInterrupted();
            sr.start(200, Header.of("Content-Type", "text/plain"));
            return Body.of("too late");
        };
        GatewayRun.Response r = run(stuck);
        assertThat(interrupted).isTrue();
        assertThat(r.status()).isEqualTo(504);
        assertThat(r.text()).isEqualTo("504 Gateway Timeout\n");
        assertThat(r.completed()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).as("the timer's interrupt is cleared before the server writes").isFalse();
    }

    @Test
    void answers504WhenTheBodyBlocksBeforeItsFirstByte() {
        Application stuckBody = (env, sr) -> {
            sr.start(200, Header.of("Content-Type", "text/plain"));
            return () -> {
                try {
                    blocksUntilInterrupted();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("interrupted");
                }
                return null;
            };
        };
        GatewayRun.Response r = run(stuckBody);
        assertThat(interrupted).isTrue();
        assertThat(r.status()).isEqualTo(504);
    }

    @Test
    void abortsAResponseThatHadStarted() {
        Application stuckMidway = (env, sr) -> {
            sr.start(200, Header.of("Content-Type", "text/plain"));
            return new Body() {
                boolean first = true;

                @Override
                public byte[] next() throws IOException {
                    if (first) {
                        first = false;
                        return "first chunk\n".getBytes(StandardCharsets.UTF_8);
                    }
                    try {
                        blocksUntilInterrupted();
                    } catch (InterruptedException e) {
                        throw new InterruptedIOException("interrupted");
                    }
                    return null;
                }
            };
        };
        GatewayRun.Response r = run(stuckMidway);
        assertThat(interrupted).isTrue();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("first chunk\n");
        assertThat(r.aborted()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void answers504EvenWhenTheAppSwallowsTheInterrupt() {
        Application stubborn = (env, sr) -> {
            try {
                blocksUntilInterrupted();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // and carries on as if nothing happened
            }
            sr.start(200, Header.of("Content-Type", "text/plain"));
            return Body.of("finished anyway");
        };
        GatewayRun.Response r = run(stubborn);
        assertThat(interrupted).isTrue();
        assertThat(r.status()).isEqualTo(504);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void leavesAFastAppAloneAndCancelsItsTimer() {
        RequestTimeout generous = RequestTimeout.of(Duration.ofSeconds(BOUND_SECONDS));
        int pendingBefore = RequestTimeout.TIMERS.getQueue().size();
        Application fast = (env, sr) -> {
            sr.start(200, Header.of("Content-Type", "text/plain"));
            return Body.of("quick");
        };
        GatewayRun.Response r = GatewayRun.run(generous, fast, GatewayRun.get("/"));
        assertThat(r.violations()).isEmpty();
        assertThat(r.text()).isEqualTo("quick");
        assertThat(RequestTimeout.TIMERS.getQueue()).hasSize(pendingBefore);
    }

    @Test
    void passesOtherFailuresOn() {
        Application failing = (env, sr) -> {
            throw new IllegalStateException("boom");
        };
        assertThat(run(failing).status()).isEqualTo(500);
    }

    @Test
    void logsTheRequestAndWhereTheAppWasStuck() throws Exception {
        Application stuck = (env, sr) -> {
            blocksUntilInterrupted();
            return Body.empty();
        };
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run(stuck);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("request timed out after PT0.1S: GET /slow; interrupting the application")
                .contains("RequestTimeoutException: stack of the application's thread")
                .contains("at dev.gatehouse.middleware.RequestTimeoutTest.blocksUntilInterrupted");
    }

    @Test
    void refusesAZeroTimeout() {
        assertThatThrownBy(() -> RequestTimeout.of(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void answers504OverTheWire() throws Exception {
        Application stuck = (env, sr) -> {
            blocksUntilInterrupted();
            return Body.empty();
        };
        try (LiveServer server = new LiveServer(timeout.wrap(stuck)); RawHttpClient client = server.connect()) {
            client.send("GET /slow HTTP/1.1\r\nHost: app\r\n\r\n");
            RawResponse response = client.readResponse();
            assertThat(response.status()).isEqualTo(504);
            assertThat(response.bodyText()).isEqualTo("504 Gateway Timeout\n");
            client.send("GET /again HTTP/1.1\r\nHost: app\r\nConnection: close\r\n\r\n");
            assertThat(client.readResponse().status()).as("the connection survives a 504").isEqualTo(504);
        }
        assertThat(interrupted).isTrue();
    }

    @Test
    void aTimedOutEnvironStillDescribesTheRequest() {
        Environ env = GatewayRun.get("/slow");
        Application stuck = (e, sr) -> {
            blocksUntilInterrupted();
            return Body.empty();
        };
        GatewayRun.run(timeout, stuck, env);
        assertThat(env.get(ErrorPages.STOCK_RESPONSE)).isEqualTo(504);
    }
}
