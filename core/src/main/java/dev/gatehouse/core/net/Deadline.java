package dev.gatehouse.core.net;

import java.time.Duration;

/** One connection's current deadline, checked by its {@link Watchdog}. */
public final class Deadline {
    /** What to do when an armed deadline passes; gets the kind of wait that timed out. */
    @FunctionalInterface
    public interface Action {
        void expired(String what);
    }

    private final Action action;
    private volatile long expiresAt;
    private volatile String what;
    private volatile boolean armed;
    private volatile boolean fired;
    /** Its place in its watchdog's set. */
    LiveSet.Member<Deadline> member;

    Deadline(Action action) {
        this.action = action;
    }

    /** Arms the deadline {@code timeout} from now for a wait described by {@code what}. */
    public void arm(Duration timeout, String what) {
        this.what = what;
        this.expiresAt = System.nanoTime() + timeout.toNanos();
        this.fired = false;
        this.armed = true;
    }

    public void disarm() {
        armed = false;
    }

    /** True if the deadline fired since it was last armed. */
    public boolean fired() {
        return fired;
    }

    /** What the fired wait was (e.g. "request head"), for error messages. */
    public String what() {
        return what;
    }

    boolean isPast(long now) {
        return armed && now - expiresAt > 0;
    }

    void fireIfPast(long now) {
        if (armed && now - expiresAt > 0) {
            armed = false;
            fired = true;
            action.expired(what);
        }
    }
}
