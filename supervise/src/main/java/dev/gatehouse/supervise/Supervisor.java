package dev.gatehouse.supervise;

import dev.gatehouse.api.Application;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link SupervisorConfig#processes()} backend processes running, one per slot, and hands
 * them out for requests ({@link #acquire()} / {@link #release}). The process side only; the
 * {@link BackendPool} puts an {@link Application} in front.
 *
 * <ul>
 *   <li><b>Start:</b> spawned with its socket ({@link SocketHandoff}) in a private runtime
 *       directory; it gets requests once its {@link HealthCheck} passes, within
 *       {@code startTimeout} (else it is killed and counts as a failure).</li>
 *   <li><b>Restart:</b> an exit nobody asked for is noticed at once (the JDK reaps the child and
 *       completes {@link Process#onExit()}); the slot starts a new process after the
 *       {@link RestartPolicy}'s backoff, unless the pool's restart rate is exhausted, which is
 *       logged as an error. A process that exits with status 0 after serving (php-cgi after
 *       {@code PHP_FCGI_MAX_REQUESTS}) is replaced at once and is no failure; one that had not
 *       served a request yet is one.</li>
 *   <li><b>Recycle:</b> after {@code maxRequests} requests or {@code maxLifetime}, a process gets
 *       no new requests, a replacement starts at once, and once the requests in flight end it is
 *       sent SIGTERM, then SIGKILL after {@code stopGrace}.</li>
 *   <li><b>Choice:</b> the ready process with the fewest requests in flight, ties in turn.</li>
 *   <li><b>Shutdown ({@link #close()}):</b> no new requests; those in flight get up to
 *       {@code stopGrace}; then SIGTERM to every process (a backend with workers stops them),
 *       SIGKILL to its process group and descendants after {@code stopGrace}, and to whatever is
 *       left of its group once it exits; each process reaped, its pipes drained, its socket and
 *       the runtime directory removed.
 *       A JVM shutdown hook does the same if the server exits without closing the pool.</li>
 * </ul>
 * One lock guards the slots and counters and is never held across I/O, a spawn or a log line.
 */
public final class Supervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    /** The logger of the processes' own output, so it can be routed apart. */
    private static final Logger output = LoggerFactory.getLogger("dev.gatehouse.supervise.backend");
    private static final int RECENT_OUTPUT_LINES = 50;
    private static final int RECENT_DELAYS = 32;
    /** After SIGKILL: the longest wait for the kernel and the JDK's reaper. */
    private static final long REAP_BOUND_MILLIS = 5_000;
    /** After a process is gone: the longest wait for its output pipes to end. */
    private static final long OUTPUT_BOUND_MILLIS = 1_000;

    private final String name;
    private final BackendCommand command;
    private final BackendProtocol protocol;
    private final SupervisorConfig config;
    private final Path runtimeDirectory;
    private final RestartPolicy policy;
    private final ScheduledThreadPoolExecutor timers;
    private final Thread shutdownHook;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Slot[] slots;
    private final Set<BackendProcess> retiring = new LinkedHashSet<>();
    private final ArrayDeque<Duration> restartDelays = new ArrayDeque<>();
    private final ArrayDeque<String> recentOutput = new ArrayDeque<>();
    private long generation;
    private int nextSlot;
    private long starts;
    private long failures;
    private String lastFailure;
    private boolean restartsHeldLogged;
    private boolean closed;
    /** The thread running the first {@link #close()}; later calls wait for {@link #stopped}. */
    private Thread closer;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** One of the pool's places for a process. */
    private static final class Slot {
        final int index;
        BackendProcess current;
        int failuresInARow;
        boolean restartScheduled;
        long restartAt;
        /** Between taking a scheduled start and having the process (or its failure). */
        boolean spawning;

        Slot(int index) {
            this.index = index;
        }
    }

    /** A process taken for one request; hand it back with {@link Supervisor#release}, once. */
    public static final class Lease {
        private final BackendProcess process;
        private final Application app;

        private Lease(BackendProcess process) {
            this.process = process;
            this.app = process.app;
        }

        /** The gateway to this process. */
        public Application app() {
            return app;
        }

        public long pid() {
            return process.pid;
        }

        @Override
        public String toString() {
            return process.toString();
        }
    }

    private Supervisor(String name, BackendCommand command, BackendProtocol protocol, SupervisorConfig config, Path runtimeDirectory) {
        this.name = name;
        this.command = command;
        this.protocol = protocol;
        this.config = config;
        this.runtimeDirectory = runtimeDirectory;
        this.policy = new RestartPolicy(config);
        this.slots = new Slot[config.processes()];
        for (int i = 0; i < slots.length; i++) slots[i] = new Slot(i);
        this.timers = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().daemon().name("gatehouse-supervise-" + name).unstarted(r));
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timers.setRemoveOnCancelPolicy(true);
        this.shutdownHook = Thread.ofPlatform().name("gatehouse-supervise-" + name + "-shutdown").unstarted(this::close);
    }

    /**
     * Starts the pool's processes and returns at once; {@link #awaitReady} waits for them.
     *
     * @param name names the pool in log lines and 503 answers ({@code "php"}); printable, no
     *     control characters
     * @throws IOException if the program is not found, or the runtime directory cannot be made
     */
    public static Supervisor start(String name, BackendCommand command, BackendProtocol protocol, SupervisorConfig config) throws IOException {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(config, "config");
        checkName(name);
        BackendProcess.findProgram(command); // a typo in the command fails the start-up, not every request
        // rwx------: only this user may reach the sockets; short, as Unix socket paths are limited to 107 bytes
        Path dir = Files.createTempDirectory("gatehouse-supervise-");
        Supervisor s = new Supervisor(name, command, protocol, config, dir);
        Runtime.getRuntime().addShutdownHook(s.shutdownHook);
        log.info("backend {}: starting {} processes of '{}' ({}, socket {})", name, config.processes(), command, protocol.name(),
                command.handoff() == SocketHandoff.STDIN ? "on standard input" : command.handoff() == SocketHandoff.UNIX_PATH ? "path" : "TCP port");
        s.lock.lock();
        try {
            for (Slot slot : s.slots) s.scheduleStartLocked(slot, Duration.ZERO);
        } finally {
            s.lock.unlock();
        }
        return s;
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(c -> c < ' ' || c == 0x7F)) {
            throw new IllegalArgumentException("a backend pool name is 1 to 100 printable characters, got '" + name + "'");
        }
    }

    public String name() {
        return name;
    }

    public SupervisorConfig config() {
        return config;
    }

    /** Where the processes' sockets are (a directory only this user can enter, removed by {@link #close()}). */
    public Path runtimeDirectory() {
        return runtimeDirectory;
    }

    /** Waits until {@code count} processes are ready; false if {@code timeout} passed first or the pool was closed. */
    public boolean awaitReady(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!closed && readyLocked() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                changed.awaitNanos(left);
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    // ---- the request side -------------------------------------------------------------------

    /**
     * A ready process for one request: the one with the fewest requests in flight. When none is
     * ready but one is coming up (starting, or restarting after a crash of a process that was
     * serving), waits for it up to {@code readyWait}.
     *
     * @throws BackendUnavailableException when no process can take it (the message says why)
     */
    public Lease acquire() throws BackendUnavailableException, InterruptedException {
        long deadline = System.nanoTime() + config.readyWait().toNanos();
        List<Runnable> after = new ArrayList<>(1);
        lock.lock();
        try {
            while (true) {
                if (closed) throw new BackendUnavailableException("the backend " + name + " is shutting down", null);
                BackendProcess p = pickLocked();
                if (p != null) {
                    p.inFlight++;
                    p.served++;
                    if (config.maxRequests() > 0 && p.served >= config.maxRequests()) {
                        retireLocked(p, "served " + p.served + " requests", after);
                    }
                    return new Lease(p);
                }
                long now = System.nanoTime();
                if (!comingUpLocked(now)) throw downLocked(now);
                long left = deadline - now;
                if (left <= 0) {
                    throw new BackendUnavailableException("the backend " + name + " has no process ready: none passed its start-up check within "
                            + Durations.human(config.readyWait()), null);
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    /** Gives back a process taken by {@link #acquire()}; a recycled one is stopped when its last request ends. */
    public void release(Lease lease) {
        BackendProcess p = lease.process;
        boolean stop = false;
        Application done;
        lock.lock();
        try {
            p.inFlight--;
            if (p.state == ProcessState.RETIRING && p.inFlight == 0) {
                done = stoppingLocked(p);
                stop = true;
            } else {
                done = takeAppIfDoneLocked(p);
            }
            if (closed || p.inFlight == 0) changed.signalAll();
        } finally {
            lock.unlock();
        }
        closeApp(done);
        if (stop) stopProcess(p);
    }

    /**
     * A request on {@code lease} failed at the gateway (a 502, or a response cut short). If its
     * process is exiting, it gets no more requests from now on, before the exit notice arrives:
     * a dead process answers fastest of all (connection refused), so least-busy would otherwise
     * send it everything until then.
     */
    public void requestFailed(Lease lease) {
        BackendProcess p = lease.process;
        if (!p.exiting()) return;
        boolean first;
        lock.lock();
        try {
            first = !p.dying && p.state != ProcessState.EXITED;
            p.dying = true;
        } finally {
            lock.unlock();
        }
        if (first) log.debug("backend {}: {} is exiting; no more requests for it", name, p);
    }

    /** The ready process with the fewest requests in flight, starting the search after the last one chosen. */
    private BackendProcess pickLocked() {
        BackendProcess best = null;
        for (int k = 0; k < slots.length; k++) {
            BackendProcess p = slots[(nextSlot + k) % slots.length].current;
            if (p != null && p.state == ProcessState.READY && !p.dying && (best == null || p.inFlight < best.inFlight)) best = p;
        }
        if (best != null) nextSlot = (best.slot + 1) % slots.length;
        return best;
    }

    /**
     * True if a slot is about to have a ready process: starting, restarting, or serving but seen
     * dying (its restart follows at once); and not failing.
     */
    private boolean comingUpLocked(long now) {
        for (Slot slot : slots) {
            if (slot.failuresInARow > 1) continue;
            BackendProcess p = slot.current;
            if (p != null && (p.state == ProcessState.STARTING || (p.dying && slot.failuresInARow == 0))) return true;
            if (p == null && (slot.spawning || (slot.restartScheduled && slot.restartAt - now <= 0))) return true;
        }
        return false;
    }

    private BackendUnavailableException downLocked(long now) {
        long soonest = Long.MAX_VALUE;
        for (Slot slot : slots) {
            if (slot.restartScheduled) soonest = Math.min(soonest, slot.restartAt - now);
        }
        Duration retryAfter = soonest == Long.MAX_VALUE ? null : Duration.ofNanos(Math.max(0, soonest));
        String next = retryAfter == null ? "" : "; next start in " + Durations.human(retryAfter);
        if (policy.limited(now)) {
            return new BackendUnavailableException("the backend " + name + " is down: its processes failed " + policy.failuresInWindow(now)
                    + " times within " + Durations.human(config.restartWindow()) + ", more than the " + config.maxRestarts() + " allowed" + next, retryAfter);
        }
        return new BackendUnavailableException("the backend " + name + " is down: its processes keep failing at start-up" + next, retryAfter);
    }

    // ---- the process side -------------------------------------------------------------------

    private void scheduleStartLocked(Slot slot, Duration delay) {
        slot.restartScheduled = true;
        slot.restartAt = System.nanoTime() + delay.toNanos();
        try {
            timers.schedule(() -> startSlot(slot), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            slot.restartScheduled = false;
        }
    }

    /** Spawns the slot's next process (on the timer thread). */
    private void startSlot(Slot slot) {
        String processName;
        Path socket;
        boolean held;
        lock.lock();
        try {
            slot.restartScheduled = false;
            if (closed || slot.current != null) return;
            slot.spawning = true;
            held = restartsHeldLogged;
            generation++;
            starts++;
            processName = name + "#" + (slot.index + 1);
            socket = runtimeDirectory.resolve((slot.index + 1) + "-" + generation + ".sock");
        } finally {
            lock.unlock();
        }
        if (held) log.info("backend {}: the restart window has room again; starting {}", name, processName);
        BackendProcess p;
        try {
            p = BackendProcess.spawn(processName, slot.index, command, config, socket, this::output);
        } catch (IOException | RuntimeException e) {
            List<Runnable> after = new ArrayList<>(1);
            lock.lock();
            try {
                slot.spawning = false;
                failedLocked(slot, processName + " " + e.getMessage(), after);
            } finally {
                lock.unlock();
            }
            after.forEach(Runnable::run);
            return;
        }
        lock.lock();
        try {
            slot.spawning = false;
            slot.current = p; // even when closing: close() stops whatever the slots hold
        } finally {
            lock.unlock();
        }
        log.info("backend {}: started {} listening on {}", name, p, p.address);
        p.onExit().whenComplete((process, error) -> exited(p)); // on the JDK's reaper thread: no delay
        Thread.ofVirtual().name("gatehouse-" + processName + "-start").start(() -> awaitHealthy(p));
    }

    /** Probes a new process until it passes, exits, or runs out of {@code startTimeout}. */
    private void awaitHealthy(BackendProcess p) {
        long deadline = p.startedAt + config.startTimeout().toNanos();
        String last = "no attempt";
        while (p.isAlive() && stillStarting(p)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                startTimedOut(p, last);
                return;
            }
            try {
                protocol.healthCheck().check(p.address, Duration.ofNanos(left));
                ready(p);
                return;
            } catch (IOException | RuntimeException e) {
                last = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            try {
                Thread.sleep(Math.max(1, Math.min(config.probeInterval().toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean stillStarting(BackendProcess p) {
        lock.lock();
        try {
            return !closed && p.state == ProcessState.STARTING;
        } finally {
            lock.unlock();
        }
    }

    private void startTimedOut(BackendProcess p, String lastProbe) {
        lock.lock();
        try {
            if (closed || p.state != ProcessState.STARTING) return;
            p.startTimedOut = true;
        } finally {
            lock.unlock();
        }
        log.warn("backend {}: {} did not pass its {} health check within {} (last attempt: {}); killing it", name, p, protocol.name(),
                Durations.human(config.startTimeout()), lastProbe);
        p.kill();
    }

    private void ready(BackendProcess p) {
        Application app = protocol.open(p.address, config.connectionsPerProcess());
        boolean kept = false;
        lock.lock();
        try {
            if (!closed && p.state == ProcessState.STARTING && !p.stopRequested) {
                p.app = app;
                p.state = ProcessState.READY;
                slots[p.slot].failuresInARow = 0;
                restartsHeldLogged = false;
                kept = true;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (!kept) {
            closeApp(app);
            return;
        }
        log.info("backend {}: {} is ready", name, p);
        if (!config.maxLifetime().isZero()) {
            schedule(() -> retireForAge(p), config.maxLifetime());
        }
    }

    private void retireForAge(BackendProcess p) {
        List<Runnable> after = new ArrayList<>(1);
        boolean stop = false;
        Application idleApp = null;
        lock.lock();
        try {
            if (closed || p.state != ProcessState.READY) return;
            retireLocked(p, "was ready for " + Durations.human(config.maxLifetime()), after);
            if (p.inFlight == 0) {
                idleApp = stoppingLocked(p);
                stop = true;
            }
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
        closeApp(idleApp);
        if (stop) stopProcess(p);
    }

    /** No new requests for {@code p}; its slot starts a replacement now. */
    private void retireLocked(BackendProcess p, String why, List<Runnable> after) {
        p.state = ProcessState.RETIRING;
        retiring.add(p);
        Slot slot = slots[p.slot];
        if (slot.current == p) {
            slot.current = null;
            scheduleStartLocked(slot, Duration.ZERO);
        }
        after.add(() -> log.info("backend {}: recycling {}: it {}; a new process takes its place", name, p, why));
    }

    /**
     * A process with no request left is to stop: returns its gateway, to be closed before the
     * SIGTERM. A backend that keeps a connection open (php-cgi with FCGI_KEEP_CONN) only stops
     * once that connection is closed.
     */
    private Application stoppingLocked(BackendProcess p) {
        p.state = ProcessState.STOPPING;
        p.stopRequested = true;
        Application app = p.app;
        p.app = null;
        return app;
    }

    /** SIGTERM now, SIGKILL to the group after {@code stopGrace} if the process is still there. */
    private void stopProcess(BackendProcess p) {
        p.terminate();
        log.info("backend {}: stopping {} (SIGTERM)", name, p);
        schedule(() -> {
            if (p.isAlive()) {
                log.warn("backend {}: {} did not stop within {} of SIGTERM; sending SIGKILL to its process group", name, p,
                        Durations.human(config.stopGrace()));
                p.kill();
            }
        }, config.stopGrace());
    }

    /** The process is gone (reaped): account for it, restart its slot as the policy says, clean up. */
    private void exited(BackendProcess p) {
        int status = p.process.exitValue();
        String exit = BackendProcess.describeExit(status);
        List<Runnable> after = new ArrayList<>(2);
        Application done;
        lock.lock();
        try {
            ProcessState was = p.state;
            p.state = ProcessState.EXITED;
            retiring.remove(p);
            Slot slot = slots[p.slot];
            boolean current = slot.current == p;
            if (current) slot.current = null;
            if (closed || p.stopRequested || !current) {
                after.add(() -> log.debug("backend {}: {} ended: {}", name, p, exit));
            } else if (was == ProcessState.READY && status == 0 && p.served > 0) {
                long served = p.served;
                after.add(() -> log.info("backend {}: {} exited by itself (exit status 0) after {} requests; starting a new one", name, p, served));
                scheduleStartLocked(slot, Duration.ZERO);
            } else {
                String when = was == ProcessState.STARTING ? (p.startTimedOut ? "after failing its start-up check" : "before it was ready")
                        : "while serving";
                String lost = p.inFlight > 0 ? " with " + p.inFlight + " request" + (p.inFlight == 1 ? "" : "s") + " in flight (answered 502)" : "";
                failedLocked(slot, p + " " + exit + " " + when + lost, after);
            }
            done = takeAppIfDoneLocked(p);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
        p.killLeftovers();
        p.removeSocket();
        closeApp(done);
    }

    /** Counts a failure of {@code slot} and schedules its restart after the backoff and rate limit. */
    private void failedLocked(Slot slot, String what, List<Runnable> after) {
        long now = System.nanoTime();
        failures++;
        slot.failuresInARow++;
        int inARow = slot.failuresInARow;
        Duration backoff = policy.backoff(inARow);
        Duration held = policy.recordFailure(now);
        Duration delay = backoff.compareTo(held) >= 0 ? backoff : held;
        lastFailure = what;
        restartDelays.addLast(delay);
        if (restartDelays.size() > RECENT_DELAYS) restartDelays.removeFirst();
        scheduleStartLocked(slot, delay);
        if (held.isZero()) {
            after.add(() -> log.warn("backend {}: {}; restarting {} (failure {} in a row)", name, what,
                    delay.isZero() ? "now" : "in " + Durations.human(delay), inARow));
        } else if (!restartsHeldLogged) {
            restartsHeldLogged = true;
            int inWindow = policy.failuresInWindow(now);
            List<String> lines = recentOutput(5);
            after.add(() -> log.error("backend {}: {}. {} failures within {} is more than the {} allowed: NO RESTARTS for {}; "
                            + "requests get 503 while no process is left. Command: '{}'. Last output: {}", name, what, inWindow,
                    Durations.human(config.restartWindow()), config.maxRestarts(), Durations.human(delay), command, lines.isEmpty() ? "(none)" : lines));
        } else {
            after.add(() -> log.warn("backend {}: {}; restart held back for {} (restart rate limit)", name, what, Durations.human(delay)));
        }
    }

    /** The gateway of a process that has exited and has no request left on it, taken once for closing. */
    private Application takeAppIfDoneLocked(BackendProcess p) {
        if (p.state != ProcessState.EXITED || p.inFlight > 0 || p.app == null) return null;
        Application app = p.app;
        p.app = null;
        return app;
    }

    private static void closeApp(Application app) {
        if (app instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("closing a backend gateway: {}", e.toString());
            }
        }
    }

    private void output(String line) {
        output.info("{}", line);
        synchronized (recentOutput) {
            recentOutput.addLast(line);
            if (recentOutput.size() > RECENT_OUTPUT_LINES) recentOutput.removeFirst();
        }
    }

    private List<String> recentOutput(int max) {
        synchronized (recentOutput) {
            List<String> all = new ArrayList<>(recentOutput);
            return all.subList(Math.max(0, all.size() - max), all.size());
        }
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // shutting down: close() takes care of every process
        }
    }

    private int readyLocked() {
        int n = 0;
        for (Slot slot : slots) {
            if (slot.current != null && slot.current.state == ProcessState.READY) n++;
        }
        return n;
    }

    /** A snapshot of the pool. */
    public PoolStatus status() {
        lock.lock();
        try {
            List<PoolStatus.ProcessStatus> processes = new ArrayList<>();
            for (Slot slot : slots) {
                BackendProcess p = slot.current;
                if (p != null) processes.add(new PoolStatus.ProcessStatus(p.slot + 1, p.pid, p.state, p.served, p.inFlight));
            }
            for (BackendProcess p : retiring) processes.add(new PoolStatus.ProcessStatus(p.slot + 1, p.pid, p.state, p.served, p.inFlight));
            long now = System.nanoTime();
            return new PoolStatus(name, processes, starts, failures, policy.failuresInWindow(now), policy.limited(now), lastFailure,
                    List.copyOf(restartDelays), recentOutput(RECENT_OUTPUT_LINES), closed);
        } finally {
            lock.unlock();
        }
    }

    // ---- shutdown ---------------------------------------------------------------------------

    /**
     * Stops every process: no new requests, those in flight get up to {@code stopGrace}, then
     * SIGTERM to each process and SIGKILL to its group after {@code stopGrace}. Returns once every
     * process is reaped (bounded) and the runtime directory is gone. Any number of threads may call
     * it (the server's stop and a shutdown hook, say): the first does the work, and every other
     * call waits until it is done, within the same bounds, so no caller returns while a process
     * still runs.
     */
    @Override
    public void close() {
        boolean first;
        lock.lock();
        try {
            first = !closed;
            if (first) {
                closed = true;
                closer = Thread.currentThread();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (!first) {
            awaitStopped();
            return;
        }
        try {
            stop();
        } finally {
            stopped.countDown();
        }
    }

    /** Waits for the first {@link #close()} to finish; at once from its own thread (a close re-entered while stopping). */
    private void awaitStopped() {
        lock.lock();
        Thread first;
        try {
            first = closer;
        } finally {
            lock.unlock();
        }
        if (first == Thread.currentThread()) return;
        try {
            if (!stopped.await(stopBound().toNanos(), TimeUnit.NANOSECONDS)) {
                log.error("backend {}: still stopping after {}; returning without waiting longer", name, Durations.human(stopBound()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The longest a stop can take: the timer shutdown, requests draining, the SIGTERM grace, then
     * for each process (current and recycled, so twice the slots) the wait after SIGKILL and for
     * its output pipes; plus the same once more as a margin.
     */
    private Duration stopBound() {
        long perProcess = REAP_BOUND_MILLIS + OUTPUT_BOUND_MILLIS;
        return Duration.ofMillis(2 * REAP_BOUND_MILLIS + 2L * slots.length * perProcess).plus(config.stopGrace().multipliedBy(2));
    }

    /** The work of the first {@link #close()}. */
    private void stop() {
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException exiting) {
                // the JVM is shutting down and runs the hook (which finds the pool closed)
            }
        }
        timers.shutdown();
        await(() -> timers.awaitTermination(REAP_BOUND_MILLIS, TimeUnit.MILLISECONDS));
        List<BackendProcess> all = processes();
        drainRequests(all);
        List<Application> apps = new ArrayList<>();
        lock.lock();
        try {
            for (BackendProcess p : all) {
                p.stopRequested = true;
                if (p.state != ProcessState.EXITED) p.state = ProcessState.STOPPING;
                if (p.app != null) apps.add(p.app);
                p.app = null;
            }
        } finally {
            lock.unlock();
        }
        apps.forEach(Supervisor::closeApp); // kept connections first: php-cgi waits on one after SIGTERM
        all.forEach(BackendProcess::terminate);
        long deadline = System.nanoTime() + config.stopGrace().toNanos();
        for (BackendProcess p : all) {
            if (!waitForExit(p, deadline - System.nanoTime())) {
                log.warn("backend {}: {} did not stop within {} of SIGTERM; sending SIGKILL to its process group", name, p,
                        Durations.human(config.stopGrace()));
                p.kill();
            }
        }
        for (BackendProcess p : all) {
            if (!waitForExit(p, REAP_BOUND_MILLIS * 1_000_000)) log.error("backend {}: {} survived SIGKILL", name, p);
            p.killLeftovers();
            await(() -> {
                p.awaitOutput(OUTPUT_BOUND_MILLIS);
                return true;
            });
            p.removeSocket();
        }
        lock.lock();
        try {
            for (BackendProcess p : all) p.state = ProcessState.EXITED;
        } finally {
            lock.unlock();
        }
        deleteTree(runtimeDirectory);
        log.info("backend {}: stopped ({} process{})", name, all.size(), all.size() == 1 ? "" : "es");
    }

    private List<BackendProcess> processes() {
        lock.lock();
        try {
            List<BackendProcess> all = new ArrayList<>(retiring);
            for (Slot slot : slots) {
                if (slot.current != null) all.add(slot.current);
            }
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** Waits (at most {@code stopGrace}) for the requests in flight on {@code all} to end. */
    private void drainRequests(List<BackendProcess> all) {
        long deadline = System.nanoTime() + config.stopGrace().toNanos();
        lock.lock();
        try {
            while (all.stream().anyMatch(p -> p.inFlight > 0 && p.isAlive())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("backend {}: requests still in flight after {}; stopping the processes anyway", name, Durations.human(config.stopGrace()));
                    return;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private static boolean waitForExit(BackendProcess p, long nanos) {
        try {
            p.onExit().get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        } catch (ExecutionException e) {
            return !p.isAlive();
        }
    }

    @FunctionalInterface
    private interface Wait {
        boolean run() throws InterruptedException;
    }

    private static void await(Wait wait) {
        try {
            wait.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            log.debug("could not remove {}: {}", dir, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "backend " + name + " (" + command + ")";
    }
}
