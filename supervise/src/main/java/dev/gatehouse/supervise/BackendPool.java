package dev.gatehouse.supervise;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import dev.gatehouse.core.proxy.ProxyResponses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mount served by supervised backend processes: one {@link Application} in front of a
 * {@link Supervisor}'s pool. Each request goes to a ready process (the least busy) through that
 * process's own gateway (an {@code FcgiProxyApp} for FastCGI), which answers as it always does:
 * a process that dies under a request gets that request a 502, and the other processes carry on.
 * A 502 (or a response cut short) also makes the pool ask the kernel whether that process is
 * exiting, so no further request goes to it before its exit is noticed.
 * When no process can take a request, the answer is 503 with a line saying why and, when the next
 * start is known, a {@code Retry-After}.
 *
 * <pre>{@code
 * BackendPool php = BackendPool.start("php", BackendCommand.parse("php-cgi"),
 *         BackendProtocol.fastcgi("/srv/www", FcgiClientConfig.defaults(), root::get),
 *         SupervisorConfig.defaults().withProcesses(4).withMaxRequests(1000));
 * php.awaitReady(1, Duration.ofSeconds(30));   // false: the command is broken, see php.status()
 * ... UrlMap.of(Map.of("/php", php)) ...
 * php.close();                                  // at shutdown, after the servers stopped
 * }</pre>
 */
public final class BackendPool implements Application, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackendPool.class);

    private final Supervisor supervisor;

    public BackendPool(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    /** Starts the processes ({@link Supervisor#start}) and returns at once. */
    public static BackendPool start(String name, BackendCommand command, BackendProtocol protocol, SupervisorConfig config) throws IOException {
        return new BackendPool(Supervisor.start(name, command, protocol, config));
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    /** Waits until {@code count} processes are ready; false if {@code timeout} passed first. */
    public boolean awaitReady(int count, Duration timeout) throws InterruptedException {
        return supervisor.awaitReady(count, timeout);
    }

    public PoolStatus status() {
        return supervisor.status();
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws Exception {
        Supervisor.Lease lease;
        try {
            lease = supervisor.acquire();
        } catch (BackendUnavailableException e) {
            log.warn("{} for {}: {} (answered 503)", supervisor, ProxyResponses.describe(environ), e.getMessage());
            return unavailable(startResponse, e);
        }
        int[] status = {0};
        StartResponse recording = (s, headers, excInfo) -> {
            status[0] = s.code();
            return startResponse.start(s, headers, excInfo);
        };
        Body body;
        try {
            body = lease.app().call(environ, recording);
        } catch (Exception | Error e) {
            supervisor.requestFailed(lease);
            supervisor.release(lease);
            throw e;
        }
        if (status[0] == 502) supervisor.requestFailed(lease);
        return new LeasedBody(body, supervisor, lease);
    }

    /** 503, the reason as the body, and Retry-After in whole seconds when the next start is known. */
    private static Body unavailable(StartResponse startResponse, BackendUnavailableException e) {
        byte[] body = ("503 " + Status.reasonFor(503) + "\n" + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        List<Header> headers = new ArrayList<>(3);
        headers.add(Header.of("Content-Type", "text/plain; charset=utf-8"));
        headers.add(Header.of("Content-Length", Integer.toString(body.length)));
        if (e.retryAfter() != null) {
            long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
            headers.add(Header.of("Retry-After", Long.toString(seconds)));
        }
        startResponse.start(Status.of(503), headers);
        return Body.of(body);
    }

    /** Stops every process ({@link Supervisor#close()}). */
    @Override
    public void close() {
        supervisor.close();
    }

    @Override
    public String toString() {
        return supervisor.toString();
    }

    /** The process's response body; closing it gives the process back, once. */
    private static final class LeasedBody implements Body {
        private final Body body;
        private final Supervisor supervisor;
        private final Supervisor.Lease lease;
        private boolean released;

        LeasedBody(Body body, Supervisor supervisor, Supervisor.Lease lease) {
            this.body = body;
            this.supervisor = supervisor;
            this.lease = lease;
        }

        @Override
        public byte[] next() throws IOException {
            try {
                return body.next();
            } catch (IOException e) {
                supervisor.requestFailed(lease); // cut short: the process may have died under it
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            if (released) return;
            released = true;
            try {
                body.close();
            } finally {
                supervisor.release(lease);
            }
        }
    }
}
