package dev.gatehouse.supervise;

import java.time.Duration;

/**
 * No process can take a request: the pool is starting and none became ready in time, its
 * processes keep failing, the restart rate limit holds them back, or it is shutting down. The
 * message is safe to show a client (it names the pool, never the command or its paths).
 */
public class BackendUnavailableException extends Exception {
    private final transient Duration retryAfter;

    public BackendUnavailableException(String message, Duration retryAfter) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    /** When a process may be back (the next restart), or null when unknown. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
