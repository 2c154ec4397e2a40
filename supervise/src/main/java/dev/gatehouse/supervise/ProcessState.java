package dev.gatehouse.supervise;

/** Where a supervised process is in its life. */
public enum ProcessState {
    /** Spawned, not yet through its health check: gets no requests. */
    STARTING,
    /** Healthy: gets requests. */
    READY,
    /** Recycled (enough requests or age): gets no new requests; stopped once those in flight end. */
    RETIRING,
    /** Sent SIGTERM; SIGKILL follows after the stop grace. */
    STOPPING,
    /** Gone and reaped. */
    EXITED
}
