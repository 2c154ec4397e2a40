package dev.gatehouse.http1.client;

import dev.gatehouse.core.net.Deadline;
import dev.gatehouse.core.net.Watchdog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connections to one HTTP backend: never more than {@code maxConnections} open, busy or idle.
 * A request takes a lease (waiting at most {@code poolWaitTimeout}, else 503), gets a kept
 * connection that is still fit for use or a new one, and gives it back reusable or not. No lock
 * is held across I/O.
 */
final class HttpConnectionPool implements AutoCloseable {
    private final HttpTarget target;
    private final HttpClientConfig config;
    private final Watchdog watchdog = new Watchdog("gatehouse-http-client-watchdog");
    private final Semaphore leases;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<HttpBackendConnection> idle = new ArrayDeque<>();
    private final AtomicLong opened = new AtomicLong();

    HttpConnectionPool(HttpTarget target, HttpClientConfig config) {
        this.target = target;
        this.config = config;
        this.leases = new Semaphore(config.maxConnections(), true);
    }

    /** A connection for one request: a kept one when one is fit for use, else a new one. */
    HttpBackendConnection acquire() throws HttpBackendException, InterruptedException {
        if (!leases.tryAcquire()) awaitLease();
        try {
            HttpBackendConnection kept = takeIdle();
            if (kept != null) return kept;
            HttpBackendConnection fresh = HttpBackendConnection.open(target, config, watchdog);
            opened.incrementAndGet();
            return fresh;
        } catch (RuntimeException | HttpBackendException e) {
            leases.release();
            throw e;
        }
    }

    /** Waits for a lease with an untimed park; the watchdog interrupts it when the pool wait is over. */
    private void awaitLease() throws HttpBackendException, InterruptedException {
        Thread waiter = Thread.currentThread();
        Deadline deadline = watchdog.register(what -> waiter.interrupt());
        deadline.arm(config.poolWaitTimeout(), "pool lease");
        try {
            leases.acquire();
        } catch (InterruptedException e) {
            if (!deadline.fired()) throw e;
            throw new HttpBackendException(503, "all " + config.maxConnections() + " connections to " + target
                    + " stayed busy for " + config.poolWaitTimeout());
        } finally {
            deadline.disarm();
            watchdog.unregister(deadline);
        }
        if (deadline.fired()) Thread.interrupted(); // fired just as the lease came: not a real interrupt
    }

    /** Gives a connection back; it is kept for the next request only if {@code reusable} and clean. */
    void release(HttpBackendConnection connection, boolean reusable) {
        try {
            if (reusable && connection.clean()) {
                connection.markIdle();
                lock.lock();
                try {
                    idle.push(connection);
                } finally {
                    lock.unlock();
                }
            } else {
                connection.close();
            }
        } finally {
            leases.release();
        }
    }

    /** Closes every kept connection: after one turned out stale, the others (same backend restart) likely are too. */
    void closeIdle() {
        for (HttpBackendConnection c : drainIdle()) c.close();
    }

    HttpTarget target() {
        return target;
    }

    /** How many connections were ever opened (for tests and stats). */
    long opened() {
        return opened.get();
    }

    /** Leases free right now (for tests and stats). */
    int available() {
        return leases.availablePermits();
    }

    /** The most recently used kept connection that is still fit for use (checked outside the lock); unfit ones are closed. */
    private HttpBackendConnection takeIdle() {
        while (true) {
            HttpBackendConnection c;
            lock.lock();
            try {
                c = idle.poll();
            } finally {
                lock.unlock();
            }
            if (c == null || c.fitForReuse(config.keepAliveIdle())) return c;
            c.close();
        }
    }

    private List<HttpBackendConnection> drainIdle() {
        lock.lock();
        try {
            List<HttpBackendConnection> all = new ArrayList<>(idle);
            idle.clear();
            return all;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closeIdle();
        watchdog.close();
    }
}
