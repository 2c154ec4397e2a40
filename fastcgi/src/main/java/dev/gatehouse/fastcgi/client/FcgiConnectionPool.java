package dev.gatehouse.fastcgi.client;

import dev.gatehouse.core.net.Watchdog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import dev.gatehouse.core.net.Deadline;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connections to one backend: never more than {@code maxConnections} open, busy or idle, so
 * a backend with that many workers is never starved by connections nobody uses. A request takes
 * a lease (waiting at most {@code poolWaitTimeout}, else 503), gets a kept connection or a new
 * one, and gives it back reusable or not. No lock is held across I/O.
 */
final class FcgiConnectionPool implements AutoCloseable {
    private final FcgiTarget target;
    private final FcgiClientConfig config;
    private final Watchdog watchdog = new Watchdog("gatehouse-fastcgi-client-watchdog");
    private final Semaphore leases;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<FcgiBackendConnection> idle = new ArrayDeque<>();
    private final AtomicLong opened = new AtomicLong();

    FcgiConnectionPool(FcgiTarget target, FcgiClientConfig config) {
        this.target = target;
        this.config = config;
        this.leases = new Semaphore(config.maxConnections(), true);
    }

    /** A connection for one request: a kept one when there is one, else a new one. */
    FcgiBackendConnection acquire() throws FcgiBackendException, InterruptedException {
        if (!leases.tryAcquire()) awaitLease();
        try {
            FcgiBackendConnection kept = takeIdle();
            if (kept != null) return kept;
            FcgiBackendConnection fresh = FcgiBackendConnection.open(target, config.connectTimeout(), watchdog);
            opened.incrementAndGet();
            return fresh;
        } catch (RuntimeException | FcgiBackendException e) {
            leases.release();
            throw e;
        }
    }

    /**
     * Waits for a lease with an untimed park, the bound kept by the watchdog (which interrupts the
     * wait): a timed park of a virtual thread costs a wake-up of the JDK's delay scheduler per
     * request, and under load most requests wait here.
     */
    private void awaitLease() throws FcgiBackendException, InterruptedException {
        Thread waiter = Thread.currentThread();
        Deadline deadline = watchdog.register(what -> waiter.interrupt());
        deadline.arm(config.poolWaitTimeout(), "pool lease");
        try {
            leases.acquire();
        } catch (InterruptedException e) {
            if (!deadline.fired()) throw e;
            throw new FcgiBackendException(503, "all " + config.maxConnections() + " connections to " + target
                    + " stayed busy for " + config.poolWaitTimeout());
        } finally {
            deadline.disarm();
            watchdog.unregister(deadline);
        }
        if (deadline.fired()) Thread.interrupted(); // fired just as the lease came: not a real interrupt
    }

    /** Gives a connection back; it is kept for the next request only if {@code reusable} and still open. */
    void release(FcgiBackendConnection connection, boolean reusable) {
        try {
            if (reusable && connection.isOpen()) {
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
        for (FcgiBackendConnection c : drainIdle()) c.close();
    }

    FcgiTarget target() {
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

    /** The most recently used kept connection that is still fresh; stale ones are closed. */
    private FcgiBackendConnection takeIdle() {
        List<FcgiBackendConnection> stale = new ArrayList<>();
        FcgiBackendConnection found = null;
        lock.lock();
        try {
            while (found == null && !idle.isEmpty()) {
                FcgiBackendConnection c = idle.pop();
                if (c.isOpen() && !c.idleLongerThan(config.keepAliveIdle())) found = c;
                else stale.add(c);
            }
        } finally {
            lock.unlock();
        }
        stale.forEach(FcgiBackendConnection::close);
        return found;
    }

    private List<FcgiBackendConnection> drainIdle() {
        lock.lock();
        try {
            List<FcgiBackendConnection> all = new ArrayList<>(idle);
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
