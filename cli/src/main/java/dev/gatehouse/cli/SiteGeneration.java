package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.FileBody;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One build of the site: its application, what it opened (supervised backends, CGI spawners,
 * access logs), and a count of the requests it is serving, so a reload can close it once its last
 * request is done. A request is counted from the app's call to the close of its body; a file body
 * is the server's to send and needs nothing of the site, so it ends the count when it is returned.
 */
final class SiteGeneration implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SiteGeneration.class);

    private final Application app;
    private final List<AutoCloseable> opened;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean retired = new AtomicBoolean();
    private final ReentrantLock closing = new ReentrantLock();
    private boolean closed;

    SiteGeneration(Application app, List<AutoCloseable> opened) {
        this.app = app;
        this.opened = List.copyOf(opened);
    }

    /** Counts a request in; false when this generation was retired meanwhile (the caller takes the new one). */
    boolean enter() {
        inFlight.incrementAndGet();
        if (!retired.get()) return true;
        inFlight.decrementAndGet();
        return false;
    }

    /** Runs a request entered with {@link #enter()}, counting it out when its body is closed. */
    Body serve(dev.gatehouse.api.Environ environ, dev.gatehouse.api.StartResponse startResponse) throws Exception {
        Body body;
        try {
            body = app.call(environ, startResponse);
        } catch (Exception | Error e) {
            inFlight.decrementAndGet();
            throw e;
        }
        if (body == null || body instanceof FileBody) {
            inFlight.decrementAndGet();
            return body;
        }
        return new Body() {
            private final AtomicBoolean done = new AtomicBoolean();

            @Override
            public byte[] next() throws IOException {
                return body.next();
            }

            @Override
            public void close() throws IOException {
                try {
                    body.close();
                } finally {
                    if (done.compareAndSet(false, true)) inFlight.decrementAndGet();
                }
            }
        };
    }

    int inFlight() {
        return inFlight.get();
    }

    /**
     * Takes no new requests, waits up to {@code grace} for those running to finish, then closes
     * what the generation opened. Returns the requests still running when it gave up (0 normally).
     */
    int retire(Duration grace) throws InterruptedException {
        retired.set(true);
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
        int left = inFlight.get();
        close();
        return left;
    }

    /**
     * Closes what the generation opened, last opened first; once. A second call (the server
     * stopping while a reload retires this generation) waits until the first is done, so the
     * server never exits with the generation's backends still stopping.
     */
    @Override
    public void close() {
        closing.lock(); // held while backends stop (bounded by their stop timeouts): only closers wait on it
        try {
            if (closed) return;
            closed = true;
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (Exception e) {
                    log.warn("closing {}: {}", opened.get(i), e.toString());
                }
            }
        } finally {
            closing.unlock();
        }
    }
}
