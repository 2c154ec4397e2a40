package dev.gatehouse.supervise;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * When a failed process is started again. Pure arithmetic on the clock values it is given, so
 * it is tested without waiting.
 *
 * <ul>
 *   <li>Backoff, per slot: the first failure after a process had been serving restarts at once
 *       (a crash of a healthy process, as uWSGI and supervisord do); each further failure in a
 *       row waits {@code backoffMin}, then twice as long, up to {@code backoffMax}. A process
 *       that passes its health check ends the row.</li>
 *   <li>Rate, per pool: at most {@code maxRestarts} failures within {@code restartWindow} (like
 *       PHP-FPM's emergency_restart_threshold/interval). Past it, no restart happens before the
 *       oldest failure leaves the window: a process that crashes on every request cannot turn
 *       the server into a fork loop.</li>
 * </ul>
 * Not thread-safe: the supervisor calls it under its lock.
 */
final class RestartPolicy {
    private final long backoffMin;
    private final long backoffMax;
    private final int maxRestarts;
    private final long window;
    private final ArrayDeque<Long> failures = new ArrayDeque<>();

    RestartPolicy(SupervisorConfig config) {
        this.backoffMin = config.backoffMin().toNanos();
        this.backoffMax = config.backoffMax().toNanos();
        this.maxRestarts = config.maxRestarts();
        this.window = config.restartWindow().toNanos();
    }

    /** The pause before restarting a slot after its {@code inARow}-th failure in a row (1 for the first). */
    Duration backoff(int inARow) {
        if (inARow <= 1) return Duration.ZERO;
        long delay = backoffMin;
        for (int i = 2; i < inARow && delay < backoffMax; i++) delay = delay > backoffMax / 2 ? backoffMax : delay * 2;
        return Duration.ofNanos(Math.min(delay, backoffMax));
    }

    /**
     * Records a failure at {@code now}; returns how long the rate limit holds restarts back from
     * now (zero when the failure is within the limit).
     */
    Duration recordFailure(long now) {
        forgetOlderThan(now);
        failures.addLast(now);
        if (failures.size() <= maxRestarts) return Duration.ZERO;
        return Duration.ofNanos(Math.max(0, failures.peekFirst() + window - now));
    }

    /** Failures within the window ending at {@code now}. */
    int failuresInWindow(long now) {
        forgetOlderThan(now);
        return failures.size();
    }

    /** True while the window ending at {@code now} holds more failures than allowed. */
    boolean limited(long now) {
        return failuresInWindow(now) > maxRestarts;
    }

    private void forgetOlderThan(long now) {
        while (!failures.isEmpty() && now - failures.peekFirst() >= window) failures.removeFirst();
    }
}
