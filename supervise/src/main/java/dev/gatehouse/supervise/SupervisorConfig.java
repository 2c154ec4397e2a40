package dev.gatehouse.supervise;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Every limit of a supervised backend pool, each named once with its default.
 *
 * @param processes backend processes kept running (each in a slot of its own)
 * @param connectionsPerProcess requests one process serves at once, and so the connections kept
 *     to it: 1 for php-cgi (one request at a time, or {@code PHP_FCGI_CHILDREN} when it forks
 *     workers), more for a multiplexing backend such as another Gatehouse. A process that has
 *     them all busy gets no new request while another has one free
 * @param maxRequests a process is recycled after serving this many requests (0: never). PHP's
 *     own {@code PHP_FCGI_MAX_REQUESTS} (500 by default) should then be 0, so the process does not
 *     exit under a kept connection
 * @param maxLifetime a process is recycled once it has been ready this long (zero: never)
 * @param startTimeout a new process must pass its health check within this; else it is killed
 *     and counts as a failed start
 * @param probeInterval the pause between two health-check attempts of a starting process
 * @param readyWait how long a request waits for a process that is starting (at pool start, after
 *     a recycle, or after a crash of a process that was serving) before it is answered 503; a pool
 *     whose processes fail to start answers 503 at once
 * @param backoffMin the pause before the second restart in a row of a slot whose process keeps
 *     failing (the first restart after a process that had been serving is immediate); it doubles
 *     with each further failure in a row
 * @param backoffMax the longest pause between two restarts of a failing slot
 * @param maxRestarts failures (crashes or failed starts) the whole pool may have within
 *     {@code restartWindow}; past it no process is restarted until the window allows it again,
 *     the pool logs an error, and requests get 503 once no process is left
 * @param restartWindow the window of {@code maxRestarts}
 * @param stopGrace on recycling and shutdown: how long a process has after SIGTERM before its
 *     process group gets SIGKILL; at shutdown also how long requests in flight may finish first
 * @param maxLogLineBytes a line of a process's output longer than this is cut in the log
 * @param listenBacklog the backlog of the socket handed over on file descriptor 0
 * @param python the interpreter that binds the socket handed over on file descriptor 0 and then
 *     becomes the backend ({@code exec}); not used for commands that take {@code {socket}} or
 *     {@code {port}}
 */
public record SupervisorConfig(
        int processes,
        int connectionsPerProcess,
        long maxRequests,
        Duration maxLifetime,
        Duration startTimeout,
        Duration probeInterval,
        Duration readyWait,
        Duration backoffMin,
        Duration backoffMax,
        int maxRestarts,
        Duration restartWindow,
        Duration stopGrace,
        int maxLogLineBytes,
        int listenBacklog,
        Path python) {

    /** The most processes one pool may run. */
    public static final int MAX_PROCESSES = 1024;

    public static final SupervisorConfig DEFAULTS = new SupervisorConfig(
            2,
            1,
            0,
            Duration.ZERO,
            Duration.ofSeconds(30),
            Duration.ofMillis(50),
            Duration.ofSeconds(10),
            Duration.ofMillis(250),
            Duration.ofSeconds(30),
            10,
            Duration.ofSeconds(60),
            Duration.ofSeconds(10),
            8 * 1024,
            128,
            Path.of("/usr/bin/python3"));

    public SupervisorConfig {
        if (processes < 1 || processes > MAX_PROCESSES) throw new IllegalArgumentException("processes must be between 1 and " + MAX_PROCESSES + ", got " + processes);
        if (connectionsPerProcess < 1) throw new IllegalArgumentException("connectionsPerProcess must be at least 1, got " + connectionsPerProcess);
        if (maxRequests < 0) throw new IllegalArgumentException("maxRequests must be 0 (never) or more, got " + maxRequests);
        requireNotNegative("maxLifetime", maxLifetime);
        requirePositive("startTimeout", startTimeout);
        requirePositive("probeInterval", probeInterval);
        requireNotNegative("readyWait", readyWait);
        requirePositive("backoffMin", backoffMin);
        requirePositive("backoffMax", backoffMax);
        if (backoffMax.compareTo(backoffMin) < 0) throw new IllegalArgumentException("backoffMax " + backoffMax + " is below backoffMin " + backoffMin);
        if (maxRestarts < 1) throw new IllegalArgumentException("maxRestarts must be at least 1, got " + maxRestarts);
        requirePositive("restartWindow", restartWindow);
        requireNotNegative("stopGrace", stopGrace);
        if (maxLogLineBytes < 80) throw new IllegalArgumentException("maxLogLineBytes must be at least 80, got " + maxLogLineBytes);
        if (listenBacklog < 1) throw new IllegalArgumentException("listenBacklog must be at least 1, got " + listenBacklog);
        Objects.requireNonNull(python, "python");
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, got " + d);
    }

    private static void requireNotNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) throw new IllegalArgumentException(name + " must not be negative, got " + d);
    }

    public static SupervisorConfig defaults() {
        return DEFAULTS;
    }

    public SupervisorConfig withProcesses(int v) {
        return new SupervisorConfig(v, connectionsPerProcess, maxRequests, maxLifetime, startTimeout, probeInterval, readyWait, backoffMin, backoffMax, maxRestarts, restartWindow, stopGrace, maxLogLineBytes, listenBacklog, python);
    }

    public SupervisorConfig withConnectionsPerProcess(int v) {
        return new SupervisorConfig(processes, v, maxRequests, maxLifetime, startTimeout, probeInterval, readyWait, backoffMin, backoffMax, maxRestarts, restartWindow, stopGrace, maxLogLineBytes, listenBacklog, python);
    }

    public SupervisorConfig withMaxRequests(long v) {
        return new SupervisorConfig(processes, connectionsPerProcess, v, maxLifetime, startTimeout, probeInterval, readyWait, backoffMin, backoffMax, maxRestarts, restartWindow, stopGrace, maxLogLineBytes, listenBacklog, python);
    }

    public SupervisorConfig withMaxLifetime(Duration v) {
        return new SupervisorConfig(processes, connectionsPerProcess, maxRequests, v, startTimeout, probeInterval, readyWait, backoffMin, backoffMax, maxRestarts, restartWindow, stopGrace, maxLogLineBytes, listenBacklog, python);
    }

    public SupervisorConfig withStartTimeout(Duration v) {
        return new SupervisorConfig(processes, connectionsPerProcess, maxRequests, maxLifetime, v, probeInterval, readyWait, backoffMin, backoffMax, maxRestarts, restartWindow, stopGrace, maxLogLineBytes, listenBacklog, python);
    }

    public SupervisorConfig withReadyWait(Duration v) {
        return new SupervisorConfig(processes, connectionsPerProcess, maxRequests, maxLifetime, startTimeout, probeInterval, v, backoffMin, backoffMax, maxRestarts, restartWindow, stopGrace, maxLogLineBytes, listenBacklog, python);
    }

    public SupervisorConfig withBackoff(Duration min, Duration max) {
        return new SupervisorConfig(processes, connectionsPerProcess, maxRequests, maxLifetime, startTimeout, probeInterval, readyWait, min, max, maxRestarts, restartWindow, stopGrace, maxLogLineBytes, listenBacklog, python);
    }

    public SupervisorConfig withRestartLimit(int max, Duration window) {
        return new SupervisorConfig(processes, connectionsPerProcess, maxRequests, maxLifetime, startTimeout, probeInterval, readyWait, backoffMin, backoffMax, max, window, stopGrace, maxLogLineBytes, listenBacklog, python);
    }

    public SupervisorConfig withStopGrace(Duration v) {
        return new SupervisorConfig(processes, connectionsPerProcess, maxRequests, maxLifetime, startTimeout, probeInterval, readyWait, backoffMin, backoffMax, maxRestarts, restartWindow, v, maxLogLineBytes, listenBacklog, python);
    }

    public SupervisorConfig withPython(Path v) {
        return new SupervisorConfig(processes, connectionsPerProcess, maxRequests, maxLifetime, startTimeout, probeInterval, readyWait, backoffMin, backoffMax, maxRestarts, restartWindow, stopGrace, maxLogLineBytes, listenBacklog, v);
    }
}
