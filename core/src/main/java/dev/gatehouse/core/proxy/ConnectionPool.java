package dev.gatehouse.core.proxy;

import dev.gatehouse.core.net.Deadline;
import dev.gatehouse.core.net.Watchdog;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The kept-alive connections to one backend (FastCGI, HTTP): never more than {@code maxConnections}
 * open, busy or idle, so a backend with that many workers is never starved by connections nobody
 * uses. A request takes a lease (waiting at most {@code poolWaitTimeout}, else the protocol's 503),
 * gets the most recently used kept connection that is still fit for use or a new one, and gives
 * it back reusable or not. No lock is held across I/O; the fitness check runs outside the lock.
 *
 * @param <C> the protocol's connection
 * @param <E> the protocol's backend failure, which carries the status to answer
 */
public class ConnectionPool<C extends ConnectionPool.Pooled, E extends Exception> implements AutoCloseable {
    /** A connection the pool can keep. */
    public interface Pooled extends AutoCloseable {
        /** After a response: whether the connection is where the next request can start. */
        boolean keepable();

        /** Notes that the connection went idle now. */
        void markIdle();

        /** Before reuse: still open and idle no longer than {@code maxIdle} (may probe the socket). */
        boolean fitForReuse(Duration maxIdle);

        @Override
        void close();
    }

    /** Opens a new connection, its timeouts kept by the pool's watchdog. */
    @FunctionalInterface
    public interface Opener<C, E extends Exception> {
        C open(Watchdog watchdog) throws E;
    }

    /** The pool's limits. */
    public record Limits(int maxConnections, Duration poolWaitTimeout, Duration keepAliveIdle) {
    }

    private final Object target;
    private final Limits limits;
    private final Opener<C, E> opener;
    private final Function<String, E> busy;
    private final Watchdog watchdog;
    private final Semaphore leases;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<C> idle = new ArrayDeque<>();
    private final AtomicLong opened = new AtomicLong();

    /**
     * @param target the backend, for messages
     * @param watchdogName the name of the thread that keeps the pool's and its connections' timeouts
     * @param busy makes the failure for "every connection stayed busy" from its message (a 503)
     */
    protected ConnectionPool(Object target, Limits limits, String watchdogName, Opener<C, E> opener, Function<String, E> busy) {
        this.target = target;
        this.limits = limits;
        this.opener = opener;
        this.busy = busy;
        this.watchdog = new Watchdog(watchdogName);
        this.leases = new Semaphore(limits.maxConnections(), true);
    }

    /** A connection for one request: a kept one when one is fit for use, else a new one. */
    public C acquire() throws E, InterruptedException {
        if (!leases.tryAcquire()) awaitLease();
        boolean leased = false;
        try {
            C connection = takeIdle();
            if (connection == null) {
                connection = opener.open(watchdog);
                opened.incrementAndGet();
            }
            leased = true;
            return connection;
        } finally {
            if (!leased) leases.release();
        }
    }

    /**
     * Waits for a lease with an untimed park, the bound kept by the watchdog (which interrupts the
     * wait): a timed park of a virtual thread costs a wake-up of the JDK's delay scheduler per
     * request, and under load most requests wait here.
     */
    private void awaitLease() throws E, InterruptedException {
        Thread waiter = Thread.currentThread();
        Deadline deadline = watchdog.register(what -> waiter.interrupt());
        deadline.arm(limits.poolWaitTimeout(), "pool lease");
        try {
            leases.acquire();
        } catch (InterruptedException e) {
            if (!deadline.fired()) throw e;
            throw busy.apply("all " + limits.maxConnections() + " connections to " + target + " stayed busy for "
                    + limits.poolWaitTimeout());
        } finally {
            deadline.disarm();
            watchdog.unregister(deadline);
        }
        if (deadline.fired()) Thread.interrupted(); // fired just as the lease came: not a real interrupt
    }

    /** Gives a connection back; it is kept for the next request only if {@code reusable} and keepable. */
    public void release(C connection, boolean reusable) {
        try {
            if (reusable && connection.keepable()) {
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
    public void closeIdle() {
        List<C> all;
        lock.lock();
        try {
            all = new ArrayList<>(idle);
            idle.clear();
        } finally {
            lock.unlock();
        }
        all.forEach(C::close);
    }

    /** How many connections were ever opened (for tests and stats). */
    public long opened() {
        return opened.get();
    }

    /** Leases free right now (for tests and stats). */
    public int available() {
        return leases.availablePermits();
    }

    /** The most recently used kept connection that is still fit for use; unfit ones are closed. */
    private C takeIdle() {
        while (true) {
            C c;
            lock.lock();
            try {
                c = idle.poll();
            } finally {
                lock.unlock();
            }
            if (c == null || c.fitForReuse(limits.keepAliveIdle())) return c;
            c.close();
        }
    }

    @Override
    public void close() {
        closeIdle();
        watchdog.close();
    }
}
