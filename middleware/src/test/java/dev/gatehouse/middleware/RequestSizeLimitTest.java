package dev.gatehouse.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.Header;
import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RequestSizeLimitTest {
    private static final int LIMIT = 1000;
    private final RequestSizeLimit limit = RequestSizeLimit.of(LIMIT);

    /** Reads the whole body in its call and answers with its length. */
    private static Application readsTheBody(AtomicBoolean ran) {
        return (env, sr) -> {
            ran.set(true);
            byte[] body = env.input().readAllBytes();
            sr.start(200, Header.of("Content-Type", "text/plain"));
            return Body.of("read " + body.length);
        };
    }

    private static GatewayRun.Response post(Application app, RequestSizeLimit middleware, int bytes, boolean chunked) {
        Environ env = GatewayRun.withBody(GatewayRun.environ("POST", "/upload"), new byte[bytes], chunked);
        GatewayRun.Response r = GatewayRun.run(middleware, app, env);
        assertThat(r.violations()).isEmpty();
        return r;
    }

    @Test
    void answers413BeforeTheAppRunsForAContentLengthOverTheLimit() {
        AtomicBoolean ran = new AtomicBoolean();
        Environ env = GatewayRun.withBody(GatewayRun.environ("POST", "/upload"), new byte[LIMIT + 1], false);
        GatewayRun.Response r = GatewayRun.run(limit, readsTheBody(ran), env);
        assertThat(r.violations()).isEmpty();
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.text()).isEqualTo("413 Content Too Large\n");
        assertThat(ran).isFalse();
        assertThat(env.get(ErrorPages.STOCK_RESPONSE)).isEqualTo(413);
    }

    @Test
    void letsABodyUpToTheLimitThrough() {
        AtomicBoolean ran = new AtomicBoolean();
        assertThat(post(readsTheBody(ran), limit, LIMIT, false).text()).isEqualTo("read 1000");
        assertThat(post(readsTheBody(ran), limit, LIMIT, true).text()).isEqualTo("read 1000");
        assertThat(post(readsTheBody(ran), limit, 0, true).text()).isEqualTo("read 0");
    }

    @Test
    void countsABodyWithoutLengthAndAnswers413WhenItPassesTheLimit() {
        AtomicBoolean ran = new AtomicBoolean();
        GatewayRun.Response r = post(readsTheBody(ran), limit, LIMIT + 1, true);
        assertThat(ran).isTrue();
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.text()).isEqualTo("413 Content Too Large\n");
        assertThat(r.completed()).isTrue();
    }

    @Test
    void answers413AlsoWhenTheAppWrapsTheException() {
        Application wrapping = (env, sr) -> {
            try {
                env.input().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("upload failed", e);
            }
            sr.start(200, Header.of("Content-Type", "text/plain"));
            return Body.of("unreachable");
        };
        assertThat(post(wrapping, limit, 5000, true).status()).isEqualTo(413);
    }

    @Test
    void answers413WhenTheBodyIsReadLazilyBeforeAnyResponseByte() {
        Application lazy = (env, sr) -> {
            sr.start(200, Header.of("Content-Type", "text/plain"));
            InputStream in = env.input();
            return () -> {
                byte[] chunk = in.readNBytes(300);
                return chunk.length == 0 ? null : ("got " + chunk.length + "\n").getBytes(StandardCharsets.UTF_8);
            };
        };
        GatewayRun.Response within = post(lazy, limit, 900, true);
        assertThat(within.status()).isEqualTo(200);
        GatewayRun.Response over = post(lazy, RequestSizeLimit.of(200), 900, true);
        assertThat(over.status()).isEqualTo(413);
    }

    @Test
    void abortsWhenTheLimitTripsAfterTheResponseStarted() {
        Application echoing = (env, sr) -> {
            sr.start(200, Header.of("Content-Type", "application/octet-stream"));
            InputStream in = env.input();
            return () -> {
                byte[] chunk = in.readNBytes(400);
                return chunk.length == 0 ? null : chunk;
            };
        };
        GatewayRun.Response r = post(echoing, limit, 5000, true);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.aborted()).isTrue();
        assertThat(r.body().length).isLessThanOrEqualTo(LIMIT);
    }

    @Test
    void neverHandsOutAByteOverTheLimit() throws Exception {
        InputStream in = new LimitedInput(new ByteArrayInputStream(new byte[20]), 10);
        byte[] buf = new byte[8];
        assertThat(in.read(buf)).isEqualTo(8);
        assertThatThrownBy(() -> in.read(buf)).isInstanceOf(RequestBodyTooLargeException.class)
                .hasMessage("request body larger than 10 bytes");
        assertThatThrownBy(in::read).isInstanceOf(RequestBodyTooLargeException.class);
        assertThatThrownBy(() -> in.skip(1)).isInstanceOf(RequestBodyTooLargeException.class);
        InputStream exact = new LimitedInput(new ByteArrayInputStream(new byte[10]), 10);
        assertThat(exact.readAllBytes()).hasSize(10);
        assertThat(exact.read()).isEqualTo(-1);
    }

    @Test
    void leavesOtherFailuresToTheServer() {
        Application failing = (env, sr) -> {
            throw new IllegalStateException("boom");
        };
        assertThat(post(failing, limit, 10, true).status()).isEqualTo(500);
    }

    @Test
    void refusesANegativeLimit() {
        assertThatThrownBy(() -> RequestSizeLimit.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- over the wire --------------------------------------------------------------------------

    @Test
    void answersAChunkedUploadOverTheLimitWith413OverTheWire() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        try (LiveServer server = new LiveServer(limit.wrap(readsTheBody(ran)));
             RawHttpClient client = server.connect()) {
            String chunk = "x".repeat(600);
            client.send("POST /upload HTTP/1.1\r\nHost: app\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n");
            RawResponse response = client.readResponse();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.bodyText()).isEqualTo("413 Content Too Large\n");
        }
        assertThat(ran).isTrue();
    }

    @Test
    void answersADeclaredLengthOverTheLimitWithoutRunningTheApp() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        try (LiveServer server = new LiveServer(limit.wrap(readsTheBody(ran)));
             RawHttpClient client = server.connect()) {
            client.send("POST /upload HTTP/1.1\r\nHost: app\r\nContent-Length: 5000\r\n\r\n" + "y".repeat(5000));
            assertThat(client.readResponse().status()).isEqualTo(413);
        }
        assertThat(ran).isFalse();
    }

    @Test
    void letsAChunkedUploadWithinTheLimitThroughOverTheWire() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        try (LiveServer server = new LiveServer(limit.wrap(readsTheBody(ran)));
             RawHttpClient client = server.connect()) {
            client.send("POST /upload HTTP/1.1\r\nHost: app\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "1f4\r\n" + "z".repeat(500) + "\r\n1f4\r\n" + "z".repeat(500) + "\r\n0\r\n\r\n");
            RawResponse response = client.readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("read 1000");
        }
    }
}
