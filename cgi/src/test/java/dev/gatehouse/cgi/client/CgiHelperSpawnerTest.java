package dev.gatehouse.cgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.RawResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spawner helper's own life: killed, it is started again; closed, it takes its scripts along. */
class CgiHelperSpawnerTest {
    private static final Duration GONE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static CgiHelperSpawner helper(CgiFront front) {
        return (CgiHelperSpawner) front.app().spawner();
    }

    @Test
    void startsTheHelperAgainAfterItDied() throws Exception {
        Path bin = CgiScripts.install(dir);
        try (CgiFront front = CgiFront.start(CgiTarget.of(bin), CgiClientConfig.defaults().withSpawn(CgiClientConfig.Spawn.HELPER))) {
            assertThat(front.get("/cgi-bin/env.sh").status()).isEqualTo(200);
            long first = helper(front).helperPid();
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            assertThat(ProcTable.await(GONE, () -> !ProcTable.running(first))).isTrue();
            RawResponse again = front.get("/cgi-bin/env.sh");
            assertThat(again.status()).isEqualTo(200);
            assertThat(helper(front).helperPid()).isNotEqualTo(first).isPositive();
            assertThat(ProcTable.await(GONE, () -> ProcTable.zombies().isEmpty())).as("zombies: %s", ProcTable.zombies()).isTrue();
        }
    }

    @Test
    void killsTheScriptsOfAHelperThatDiedAndFailsTheirRequests() throws Exception {
        Path bin = CgiScripts.install(dir);
        try (CgiFront front = CgiFront.start(CgiTarget.of(bin), CgiClientConfig.defaults().withSpawn(CgiClientConfig.Spawn.HELPER))) {
            Path pids = dir.resolve("slow.pids");
            CompletableFuture<RawResponse> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return front.get("/cgi-bin/slow.sh?" + pids);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long script = ProcTable.pidsIn(pids)[0];
            ProcessHandle.of(helper(front).helperPid()).orElseThrow().destroyForcibly();
            assertThat(slow.get().status()).isEqualTo(502);
            assertThat(ProcTable.await(GONE, () -> !ProcTable.running(script))).as("script %d is gone", script).isTrue();
            assertThat(ProcTable.await(GONE, () -> front.app().availableSlots() == front.app().config().maxScripts())).isTrue();
        }
    }

    @Test
    void closingTheRunnerKillsTheScriptsStillRunning() throws Exception {
        Path bin = CgiScripts.install(dir);
        Path pids = dir.resolve("slow.pids");
        long helperPid;
        CompletableFuture<RawResponse> slow;
        try (CgiFront front = CgiFront.start(CgiTarget.of(bin), CgiClientConfig.defaults().withSpawn(CgiClientConfig.Spawn.HELPER))) {
            helperPid = helper(front).helperPid();
            slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return front.get("/cgi-bin/slow.sh?" + pids);
                } catch (Exception e) {
                    return null; // the server went away: that is the point
                }
            });
            ProcTable.pidsIn(pids);
            front.app().close(); // before the server's graceful stop, which would wait for the request
        }
        long[] both = ProcTable.pidsIn(pids);
        assertThat(ProcTable.await(GONE, () -> !ProcTable.running(both[0]) && !ProcTable.running(both[1])))
                .as("script %d and its child %d are gone", both[0], both[1]).isTrue();
        assertThat(ProcTable.await(GONE, () -> !ProcTable.running(helperPid))).isTrue();
        slow.join();
    }
}
