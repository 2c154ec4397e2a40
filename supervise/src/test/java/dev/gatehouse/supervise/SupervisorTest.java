package dev.gatehouse.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Supervisor#close()} as a server's stop and a shutdown hook call it: from two threads at once. */
class SupervisorTest {
    /** A backend that ignores SIGTERM: only the SIGKILL after the stop grace ends it. */
    private static final BackendCommand IGNORES_TERM = BackendCommand.of("/bin/sh", "-c",
            "trap '' TERM; echo ignoring-term; while :; do sleep 0.1; done");

    @Test
    void aSecondCloseReturnsOnlyOnceTheProcessesAreGone() throws Exception {
        Procs.requirePython(); // hands the script its socket on standard input; connecting to it is the health check
        SupervisorConfig config = SupervisorConfig.defaults().withProcesses(1).withStopGrace(Duration.ofSeconds(3));
        BackendProtocol protocol = BackendProtocol.of("test", HealthCheck.connect(), (address, connections) -> (environ, startResponse) -> null);
        Supervisor supervisor = Supervisor.start("stubborn", IGNORES_TERM, protocol, config);
        assertThat(supervisor.awaitReady(1, Duration.ofSeconds(30))).isTrue();
        Procs.await("the script has set its trap", () -> supervisor.status().recentOutput().stream().anyMatch(l -> l.endsWith("stdout: ignoring-term")));
        long pid = supervisor.status().readyPids().getFirst();

        CompletableFuture<Void> first = CompletableFuture.runAsync(supervisor::close, runnable -> Thread.ofPlatform().start(runnable));
        Procs.await("the first close has begun", () -> supervisor.status().closed());
        assertThat(Procs.alive(List.of(pid))).as("SIGTERM is ignored: the process outlives it until the SIGKILL").containsExactly(pid);

        supervisor.close(); // the second call, while the first waits out the stop grace
        assertThat(Procs.stillInProc(List.of(pid))).as("gone (and reaped) when the second close returns").isEmpty();
        first.get(Procs.BOUND_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(supervisor.runtimeDirectory()).doesNotExist();
    }
}
