package dev.gatehouse.supervise;

import java.time.Duration;
import java.util.List;

/**
 * A snapshot of a supervised pool, for status pages, logs and tests.
 *
 * @param name the pool's name
 * @param processes every live process: the current one of each slot, and those being recycled
 * @param starts processes started so far (restarts included)
 * @param failures processes that crashed or failed to start so far
 * @param failuresInWindow failures within the restart window now
 * @param restartsHeld true while the restart rate limit holds restarts back
 * @param lastFailure what the last failure was ({@code "php#1 (pid 123) exit status 255 before it was ready"}), or null
 * @param restartDelays the pauses chosen before the most recent restarts after failures, oldest first
 * @param recentOutput the last lines the processes wrote, each prefixed with name, pid and stream
 * @param closed true once the pool was shut down
 */
public record PoolStatus(String name, List<ProcessStatus> processes, long starts, long failures, int failuresInWindow,
                         boolean restartsHeld, String lastFailure, List<Duration> restartDelays, List<String> recentOutput,
                         boolean closed) {

    public PoolStatus {
        processes = List.copyOf(processes);
        restartDelays = List.copyOf(restartDelays);
        recentOutput = List.copyOf(recentOutput);
    }

    /**
     * One process.
     *
     * @param slot the slot it fills, from 1
     * @param pid its process id
     * @param state where it is in its life
     * @param served requests it was given
     * @param inFlight requests it is serving now
     */
    public record ProcessStatus(int slot, long pid, ProcessState state, long served, int inFlight) {
    }

    /** The pids of the processes that get requests. */
    public List<Long> readyPids() {
        return processes.stream().filter(p -> p.state() == ProcessState.READY).map(ProcessStatus::pid).toList();
    }

    /** Every pid of a live process. */
    public List<Long> pids() {
        return processes.stream().map(ProcessStatus::pid).toList();
    }
}
