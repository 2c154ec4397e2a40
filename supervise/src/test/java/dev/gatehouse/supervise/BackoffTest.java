package dev.gatehouse.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.fastcgi.client.FcgiClientConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Processes that fail: restarted with growing pauses, then held back; the mount answers 503 meanwhile. */
class BackoffTest {
    static BackendProtocol fastcgi(Front.Root dispatcher) {
        return BackendProtocol.fastcgi(null, FcgiClientConfig.defaults(), dispatcher.app::get);
    }

    @Test
    void aCommandThatExitsAtOnceIsRestartedWithGrowingPausesThenHeldBack() throws Exception {
        SupervisorConfig config = SupervisorConfig.defaults().withProcesses(1)
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(160))
                .withRestartLimit(6, Duration.ofMinutes(10));
        BackendCommand failing = BackendCommand.of("/bin/sh", "-c", "echo failing-at-start >&2; exit 3", "{socket}");
        Front.Root dispatcher = new Front.Root();
        try (BackendPool pool = BackendPool.start("flaky", failing, fastcgi(dispatcher), config);
             Front front = Front.start(dispatcher, Map.of("/flaky", pool))) {
            Procs.await("the restart rate limit holds restarts back", () -> pool.status().restartsHeld());
            PoolStatus status = pool.status();
            assertThat(status.failures()).isEqualTo(7);
            assertThat(status.starts()).isEqualTo(7);
            assertThat(status.failuresInWindow()).isEqualTo(7);
            assertThat(status.restartDelays()).hasSize(7);
            assertThat(status.restartDelays().subList(0, 6)).containsExactly(Duration.ZERO, Duration.ofMillis(20), Duration.ofMillis(40),
                    Duration.ofMillis(80), Duration.ofMillis(160), Duration.ofMillis(160));
            // the seventh failure in the window: held until the first leaves it, minutes away
            assertThat(status.restartDelays().get(6)).isGreaterThan(Duration.ofMinutes(9));
            assertThat(status.lastFailure()).contains("exit status 3 before it was ready");
            assertThat(status.recentOutput()).anySatisfy(line -> assertThat(line).matches("flaky#1 \\(pid \\d+\\) stderr: failing-at-start"));
            assertThat(status.processes()).isEmpty();

            HttpResponse<String> down = front.get("/flaky/anything");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).startsWith("503 Service Unavailable\nthe backend flaky is down: its processes failed 7 times within")
                    .contains("more than the 6 allowed; next start in");
            assertThat(Long.parseLong(down.headers().firstValue("Retry-After").orElseThrow())).isGreaterThan(9 * 60);
        }
    }

    @Test
    void whileAFailingCommandBacksOffRequestsGet503AtOnce() throws Exception {
        SupervisorConfig config = SupervisorConfig.defaults().withProcesses(2).withBackoff(Duration.ofSeconds(30), Duration.ofSeconds(30));
        BackendCommand failing = BackendCommand.of("/bin/false", "{socket}");
        Front.Root dispatcher = new Front.Root();
        try (BackendPool pool = BackendPool.start("broken", failing, fastcgi(dispatcher), config);
             Front front = Front.start(dispatcher, Map.of("/broken", pool))) {
            // each slot fails, restarts at once, fails again: then 30 s of backoff
            Procs.await("both slots failed twice", () -> pool.status().failures() == 4);
            HttpResponse<String> down = front.get("/broken/x");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).startsWith("503 Service Unavailable\nthe backend broken is down: its processes keep failing at start-up; next start in ");
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(pool.status().restartsHeld()).isFalse();
        }
    }

    @Test
    void aProcessThatNeverAnswersItsHealthCheckIsKilledAndCountsAsAFailure() throws Exception {
        SupervisorConfig config = SupervisorConfig.defaults().withProcesses(1).withStartTimeout(Duration.ofMillis(300))
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(10)).withStopGrace(Duration.ofSeconds(2));
        Procs.requirePython();
        // gets its socket on standard input, never accepts on it: connects succeed, GET_VALUES never answered
        BackendCommand silent = BackendCommand.of("/bin/sleep", "600");
        Front.Root dispatcher = new Front.Root();
        BackendPool pool = BackendPool.start("silent", silent, fastcgi(dispatcher), config);
        try {
            Procs.await("two start-up checks failed", () -> pool.status().failures() >= 2);
            assertThat(pool.status().lastFailure()).contains("exit status 137 (killed by signal 9) after failing its start-up check");
            assertThat(pool.status().readyPids()).isEmpty();
        } finally {
            pool.close();
        }
        Procs.await("no child process is left", () -> ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void aProgramThatIsNotThereFailsTheStartUpAtOnce() {
        Front.Root dispatcher = new Front.Root();
        assertThatThrownBy(() -> BackendPool.start("missing", BackendCommand.of("/nonexistent/backend", "{socket}"), fastcgi(dispatcher),
                SupervisorConfig.defaults())).hasMessage("cannot start /nonexistent/backend: no such executable file");
        assertThatThrownBy(() -> BackendPool.start("missing", BackendCommand.of("no-such-backend-program"), fastcgi(dispatcher),
                SupervisorConfig.defaults())).hasMessageStartingWith("cannot start no-such-backend-program: not found on PATH");
    }

    @Test
    void aProgramThatVanishesAfterStartUpIsAFailureLikeAnyOther() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("gatehouse-vanishing-");
        java.nio.file.Path program = dir.resolve("backend");
        java.nio.file.Files.writeString(program, "#!/bin/sh\nexit 5\n");
        program.toFile().setExecutable(true);
        SupervisorConfig config = SupervisorConfig.defaults().withProcesses(1).withBackoff(Duration.ofMillis(10), Duration.ofMillis(10))
                .withRestartLimit(2, Duration.ofMinutes(10));
        Front.Root dispatcher = new Front.Root();
        try (BackendPool pool = BackendPool.start("vanishing", BackendCommand.of(program.toString(), "{socket}"), fastcgi(dispatcher), config)) {
            java.nio.file.Files.delete(program);
            Procs.await("restarts held back", () -> pool.status().restartsHeld());
            assertThat(pool.status().lastFailure()).isEqualTo("vanishing#1 cannot start " + program + ": no such executable file");
            assertThat(pool.awaitReady(1, Duration.ofMillis(1))).isFalse();
        } finally {
            java.nio.file.Files.deleteIfExists(program);
            java.nio.file.Files.delete(dir);
        }
    }
}
