package dev.gatehouse.core.net;

import java.util.concurrent.TimeUnit;

/**
 * Enforces deadlines on blocking socket I/O. Blocking channels have no read timeout, so each
 * connection arms a {@link Deadline} before it may block; one platform thread checks all of them
 * a few times a second and fires the ones that have passed. Cheap to arm (one volatile write),
 * which matters on the per-request path.
 */
public final class Watchdog implements AutoCloseable {
    private static final long TICK_MILLIS = 100;
    private final LiveSet<Deadline> deadlines = new LiveSet<>();
    private final Thread thread;
    private volatile boolean running = true;

    public Watchdog(String name) {
        thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
    }

    /** A deadline whose expiry runs {@code onExpiry} (once per arming) on the watchdog thread. */
    public Deadline register(Deadline.Action onExpiry) {
        Deadline d = new Deadline(onExpiry);
        d.member = deadlines.add(d);
        return d;
    }

    /** Forgets a deadline (a second call does nothing). */
    public void unregister(Deadline deadline) {
        if (deadline.member != null) deadlines.remove(deadline.member);
    }

    private void loop() {
        while (running) {
            try {
                TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Deadline d : deadlines.select(d -> d.isPast(now))) d.fireIfPast(now);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
