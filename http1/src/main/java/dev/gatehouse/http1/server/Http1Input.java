package dev.gatehouse.http1.server;

import dev.gatehouse.core.ClientGoneException;
import dev.gatehouse.core.net.Deadline;
import dev.gatehouse.http1.codec.Http1Exception;
import dev.gatehouse.http1.codec.Http1Reader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The read side of a connection, as the codec's byte source. Before it may block it flushes
 * pending output (so pipelined responses go out before we wait) and arms the deadline of the
 * current phase; when the watchdog fires, it shuts the input down and the read here turns the
 * resulting end-of-stream into a 408.
 */
final class Http1Input implements Http1Reader.Source {
    /** What the connection is waiting for; each phase has its own timeout. */
    enum Phase { IDLE, HEAD, BODY }

    private final SocketChannel channel;
    private final Deadline deadline;
    private final Http1Output output;
    private final Http1Config config;
    private Phase phase = Phase.IDLE;
    private Duration idleTimeout;
    private long headDeadline;
    private long bodyStart;
    private long bodyBytes;

    Http1Input(SocketChannel channel, Deadline deadline, Http1Output output, Http1Config config) {
        this.channel = channel;
        this.deadline = deadline;
        this.output = output;
        this.config = config;
        this.idleTimeout = config.headerTimeout();
    }

    /** Waiting for the first byte of a request; the first request waits as long as a head may take. */
    void idle(Duration timeout) {
        phase = Phase.IDLE;
        idleTimeout = timeout;
    }

    /** The first byte of a head arrived: the whole head must follow within the header timeout. */
    private void head() {
        phase = Phase.HEAD;
        headDeadline = System.nanoTime() + config.headerTimeout().toNanos();
    }

    void body() {
        phase = Phase.BODY;
        bodyStart = System.nanoTime();
        bodyBytes = 0;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        output.flush();
        // Between requests, let other connections run once before reading: the next request has
        // often arrived by then, and the read succeeds at once instead of parking the virtual
        // thread on the poller (an EAGAIN read plus an epoll_ctl per request saved).
        if (phase == Phase.IDLE) Thread.yield();
        deadline.arm(timeout(), phase == Phase.BODY ? "request body" : phase == Phase.HEAD ? "request head" : "next request");
        int n;
        try {
            n = channel.read(ByteBuffer.wrap(buffer, offset, length));
        } catch (IOException e) {
            if (deadline.fired()) throw timedOut();
            throw new ClientGoneException("read failed: " + e.getMessage(), e);
        } finally {
            deadline.disarm();
        }
        if (n < 0 && deadline.fired()) throw timedOut();
        if (n > 0 && phase == Phase.IDLE) head();
        if (n > 0 && phase == Phase.BODY) checkRate(n);
        return n;
    }

    private Duration timeout() {
        return switch (phase) {
            case IDLE -> idleTimeout;
            case HEAD -> Duration.ofNanos(Math.max(0, headDeadline - System.nanoTime()));
            case BODY -> config.bodyIdleTimeout();
        };
    }

    /** An upload that trickles below the minimum rate after a grace period is cut off like a slowloris head. */
    private void checkRate(int n) throws Http1Exception {
        bodyBytes += n;
        long elapsed = System.nanoTime() - bodyStart;
        long grace = config.bodyIdleTimeout().toNanos() / 6;
        if (elapsed > grace && config.minBodyRate() > 0 && bodyBytes * 1_000_000_000L / elapsed < config.minBodyRate()) {
            throw new Http1Exception(408, "request body arriving slower than " + config.minBodyRate() + " bytes/s");
        }
    }

    private IOException timedOut() {
        if (phase == Phase.IDLE) return new ClientGoneException("idle connection timed out");
        return new Http1Exception(408, "timed out waiting for the " + deadline.what());
    }
}
