package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.StartResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application the servers call: an indirection to the current {@link SiteGeneration}, so a
 * reload swaps a whole new site in at once. Requests already running finish on the generation
 * they started on, which is closed (its backends stopped) after its last one, within a bound.
 */
final class SwappableSite implements Application, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SwappableSite.class);

    private final AtomicReference<SiteGeneration> current;
    /** Replaced generations not closed yet: closed with the server if it stops first. */
    private final Set<SiteGeneration> retiring = ConcurrentHashMap.newKeySet();

    SwappableSite(SiteGeneration first) {
        current = new AtomicReference<>(first);
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws Exception {
        while (true) {
            SiteGeneration site = current.get();
            if (site.enter()) return site.serve(environ, startResponse);
            // retired between the read and the count: the new one is in place already
        }
    }

    /**
     * Puts {@code next} in place and retires the old generation in the background: it gets up to
     * {@code grace} to finish its requests before what it opened is closed.
     */
    void swap(SiteGeneration next, Duration grace) {
        SiteGeneration old = current.getAndSet(next);
        retiring.add(old);
        Thread.ofVirtual().name("gatehouse-retire").start(() -> {
            try {
                int left = old.retire(grace);
                if (left > 0) log.warn("the old site still had {} requests running after {}; its backends were stopped anyway", left, grace);
                else log.info("the old site finished its requests and was closed");
            } catch (InterruptedException e) {
                old.close();
                Thread.currentThread().interrupt();
            } finally {
                retiring.remove(old);
            }
        });
    }

    /** Closes the current generation and any still retiring (the servers have stopped: no request is left). */
    @Override
    public void close() {
        current.get().close();
        retiring.forEach(SiteGeneration::close);
    }
}
