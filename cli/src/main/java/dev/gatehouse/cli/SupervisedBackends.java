package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.supervise.BackendPool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervised backends of a running server, kept across reloads. Each build of the site
 * {@link #take takes} the pool its {@code +spawn} mount describes: a pool already running with the
 * same spec (command, arguments, environment, processes, socket, recycling: all of it) is handed
 * over as it runs, its processes untouched; otherwise a new one is started. A pool is stopped once
 * no build holds it any more: after a reload, when the old site is closed (its requests done or
 * its grace over) and the new one did not take it.
 */
final class SupervisedBackends implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SupervisedBackends.class);

    /** Starts the pool for a spec that is not running; its gateways send local redirects to {@code root}. */
    @FunctionalInterface
    interface Starter {
        BackendPool start(AtomicReference<Application> root) throws StartupException;
    }

    /** One running pool, and the builds of the site that hold it. */
    private static final class Running {
        final Object spec;
        final BackendPool pool;
        /** The root application of the newest build holding the pool, for CGI local redirects. */
        final AtomicReference<Application> root;
        final Set<Object> holders = new HashSet<>();
        /** No build holds it any more and it is being stopped: never handed out again. */
        boolean stopping;

        Running(Object spec, BackendPool pool, AtomicReference<Application> root) {
            this.spec = spec;
            this.pool = pool;
            this.root = root;
        }
    }

    /** A build's hold on a pool; closing it lets the pool stop if no other build holds it. */
    final class Held implements AutoCloseable {
        private final Running running;
        private final Object holder;
        private boolean released;

        private Held(Running running, Object holder) {
            this.running = running;
            this.holder = holder;
        }

        BackendPool pool() {
            return running.pool;
        }

        /** Points the pool's local redirects at {@code root} (the newest build's). */
        void bindRoot(Application root) {
            running.root.set(root);
        }

        @Override
        public void close() {
            boolean last;
            lock.lock();
            try {
                if (released) return;
                released = true;
                running.holders.remove(holder);
                last = running.holders.isEmpty();
                if (last) running.stopping = true;
            } finally {
                lock.unlock();
            }
            if (!last) return;
            running.pool.close(); // blocks until its processes are stopped: never under the lock
            lock.lock();
            try {
                pools.remove(running); // listed until stopped, so close() waits for it too
            } finally {
                lock.unlock();
            }
        }

        @Override
        public String toString() {
            return running.pool.toString();
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** Every running pool, in the order started (one spec may have several: one per mount naming it). */
    private final List<Running> pools = new ArrayList<>();
    /** Set by {@link #close}: a pool started after it (by a reload racing the stop) is stopped, not listed. */
    private boolean closed;

    /**
     * The pool for {@code spec} held by {@code holder} (one build of the site): a running one with
     * an equal spec that {@code holder} does not hold yet, else a new one from {@code starter}.
     */
    Held take(Object spec, Object holder, Starter starter) throws StartupException {
        lock.lock();
        try {
            if (closed) throw new StartupException("the server is stopping: no backend is started");
            for (Running r : pools) {
                if (!r.stopping && r.spec.equals(spec) && !r.holders.contains(holder)) {
                    r.holders.add(holder);
                    log.info("{}: unchanged, kept running", r.pool);
                    return new Held(r, holder);
                }
            }
        } finally {
            lock.unlock();
        }
        AtomicReference<Application> root = new AtomicReference<>();
        BackendPool pool = starter.start(root); // health-checked before it is put to use: outside the lock
        Running started = new Running(spec, pool, root);
        started.holders.add(holder);
        boolean stopping;
        lock.lock();
        try {
            stopping = closed;
            if (!stopping) pools.add(started);
        } finally {
            lock.unlock();
        }
        if (stopping) {
            // close() ran while this pool was starting and could not see it: nobody else will stop it
            pool.close();
            throw new StartupException("the server stopped while " + pool + " was starting; it was stopped again");
        }
        return new Held(started, holder);
    }

    /**
     * Stops whatever is still running, and waits for pools another thread is stopping (a close
     * of a pool waits for a close under way). When the server stops cleanly every build has
     * closed its holds already and nothing is left.
     */
    @Override
    public void close() {
        List<Running> left;
        lock.lock();
        try {
            closed = true;
            left = new ArrayList<>(pools);
            left.forEach(r -> r.stopping = true);
        } finally {
            lock.unlock();
        }
        for (Running r : left) r.pool.close();
        lock.lock();
        try {
            pools.removeAll(left);
        } finally {
            lock.unlock();
        }
    }
}
