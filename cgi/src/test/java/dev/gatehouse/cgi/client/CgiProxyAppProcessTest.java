package dev.gatehouse.cgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script processes themselves, whichever way they are started: broken scripts (502), the
 * run time (504, and the whole process group killed), a client that leaves, the cap on scripts
 * at once (503), standard error, zombies and file descriptors. Waits are bounded; nothing is timed.
 */
class CgiProxyAppProcessTest {
    private static final Duration GONE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path bin;

    private CgiFront front(CgiClientConfig config) throws Exception {
        if (bin == null) bin = CgiScripts.install(dir);
        return CgiFront.start(CgiTarget.of(bin), config);
    }

    private static CgiClientConfig config(CgiClientConfig.Spawn spawn) {
        return CgiClientConfig.defaults().withSpawn(spawn);
    }

    @ParameterizedTest
    @EnumSource(names = {"HELPER", "DIRECT"})
    void answers502ForBrokenScriptsAndLogsTheScriptName(CgiClientConfig.Spawn spawn) throws Exception {
        try (CgiFront front = front(config(spawn))) {
            String log = CgiProxyAppRefusalTest.captureStderr(() -> {
                for (String script : new String[] {"bad-head.py", "half-head.pl", "dies.sh", "nph-bad.sh", "bad-interpreter.sh"}) {
                    RawResponse r = front.get("/cgi-bin/" + script);
                    assertThat(r.status()).as(script).isEqualTo(502);
                }
            });
            assertThat(log).contains("bad-head.py for GET /cgi-bin/bad-head.py: malformed response head", "half-head.pl for GET /cgi-bin/half-head.pl: ended its output without a complete response head",
                    "dies.sh for GET /cgi-bin/dies.sh: ended its output without a complete response head", "nph-bad.sh", "does not begin with an HTTP status line",
                    "bad-interpreter.sh for GET /cgi-bin/bad-interpreter.sh: ");
            // The helper sees the exec fail; setsid(1) in front of the script (DIRECT) fails it and exits 1.
            if (spawn == CgiClientConfig.Spawn.HELPER) assertThat(log).contains("bad-interpreter.sh: could not be started: No such file or directory");
            assertThat(front.stderr).contains(new CgiFront.StderrLine(bin.resolve("dies.sh").toString(), "GET /cgi-bin/dies.sh", "dying on purpose"));
            assertThat(front.validator().violations()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"HELPER", "DIRECT"})
    void killsTheProcessGroupOfAScriptPastItsRunTimeAndAnswers504(CgiClientConfig.Spawn spawn) throws Exception {
        try (CgiFront front = front(config(spawn).withTimeout(Duration.ofSeconds(1)).withKillGrace(Duration.ofSeconds(1)))) {
            Path pids = dir.resolve("slow.pids");
            RawResponse r = front.get("/cgi-bin/slow.sh?" + pids);
            assertThat(r.status()).isEqualTo(504);
            long[] both = ProcTable.pidsIn(pids);
            assertThat(ProcTable.await(GONE, () -> !ProcTable.running(both[0]) && !ProcTable.running(both[1])))
                    .as("script %d and its child %d are gone", both[0], both[1]).isTrue();
            assertThat(ProcTable.await(GONE, () -> front.app().availableSlots() == front.app().config().maxScripts())).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"HELPER", "DIRECT"})
    void killsTheScriptOfAClientThatLeaves(CgiClientConfig.Spawn spawn) throws Exception {
        try (CgiFront front = front(config(spawn))) {
            Path pid = dir.resolve("ticker.pid");
            try (RawHttpClient client = front.connect()) {
                client.send("GET /cgi-bin/ticker.sh?" + pid + " HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(client.awaitData(CgiFront.BOUND)).isTrue(); // the head and a tick or two
            }
            long script = ProcTable.pidsIn(pid)[0];
            assertThat(ProcTable.await(GONE, () -> !ProcTable.running(script))).as("ticker %d is gone", script).isTrue();
            assertThat(ProcTable.await(GONE, () -> front.app().availableSlots() == front.app().config().maxScripts())).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"HELPER", "DIRECT"})
    void answers503WhenEverySlotStaysBusy(CgiClientConfig.Spawn spawn) throws Exception {
        try (CgiFront front = front(config(spawn).withMaxScripts(1).withQueueTimeout(Duration.ofMillis(200)))) {
            Path hold = dir.resolve("hold");
            CompletableFuture<RawResponse> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return front.get("/cgi-bin/hold.sh?" + hold);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(ProcTable.await(CgiFront.BOUND, () -> Files.exists(Path.of(hold + ".started")))).isTrue();
            assertThat(front.get("/cgi-bin/env.sh").status()).isEqualTo(503);
            Files.createFile(Path.of(hold + ".release"));
            RawResponse released = first.get();
            assertThat(released.status()).isEqualTo(200);
            assertThat(released.bodyText()).isEqualTo("released\n");
            assertThat(ProcTable.await(GONE, () -> front.app().availableSlots() == 1)).isTrue();
            assertThat(front.get("/cgi-bin/env.sh").status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"HELPER", "DIRECT"})
    void logsABoundedPartOfAFloodOfStandardErrorWithoutBlockingTheScript(CgiClientConfig.Spawn spawn) throws Exception {
        int max = 10_000;
        try (CgiFront front = front(config(spawn).withMaxStderrBytes(max))) {
            RawResponse r = front.get("/cgi-bin/stderr-flood.sh");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("flooded\n");
            assertThat(ProcTable.await(GONE, () -> front.stderr.stream().anyMatch(l -> l.text().contains("not logged")))).isTrue();
            List<CgiFront.StderrLine> lines = front.stderr;
            assertThat(lines).allMatch(l -> l.script().endsWith("stderr-flood.sh") && l.request().equals("GET /cgi-bin/stderr-flood.sh"));
            assertThat(lines.get(0).text()).isEqualTo("first line of stderr");
            long logged = lines.stream().filter(l -> !l.text().contains("not logged")).mapToLong(l -> l.text().length()).sum();
            assertThat(logged).isLessThanOrEqualTo(max);
            assertThat(lines.get(lines.size() - 1).text()).isEqualTo("(" + (1_048_576 + 10_485 + 21 - max) + " more bytes of standard error not logged)");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"HELPER", "DIRECT"})
    void answers502WhenAScriptWritesTooMuchBeforeReadingItsBody(CgiClientConfig.Spawn spawn) throws Exception {
        try (CgiFront front = front(config(spawn).withMaxEarlyOutputBytes(64 * 1024))) {
            byte[] body = new byte[2 * 1024 * 1024];
            assertThat(front.post("/cgi-bin/stream-echo.sh", body).status()).isEqualTo(502);
            assertThat(front.post("/cgi-bin/stream-echo.sh", "fits".getBytes(StandardCharsets.US_ASCII)).bodyText()).isEqualTo("fits");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"HELPER", "DIRECT"})
    void leavesNoZombiesNoScriptsAndNoDescriptorsBehind(CgiClientConfig.Spawn spawn) throws Exception {
        try (CgiFront front = front(config(spawn).withTimeout(Duration.ofSeconds(1)).withKillGrace(Duration.ofMillis(500)))) {
            front.get("/cgi-bin/env.sh"); // warm up: threads, pools, the spawner's own descriptors
            long before = openDescriptors();
            for (int i = 0; i < 20; i++) {
                assertThat(front.get("/cgi-bin/env.sh").status()).isEqualTo(200);
                assertThat(front.get("/cgi-bin/dies.sh").status()).isEqualTo(502);
                assertThat(front.get("/cgi-bin/bad-interpreter.sh").status()).isEqualTo(502);
                assertThat(front.post("/cgi-bin/echo.py", new byte[100_000]).status()).isEqualTo(200);
            }
            assertThat(front.get("/cgi-bin/slow.sh?" + dir.resolve("slow.pids")).status()).isEqualTo(504);
            assertThat(ProcTable.await(GONE, () -> front.app().availableSlots() == front.app().config().maxScripts())).isTrue();
            assertThat(ProcTable.await(GONE, () -> ProcTable.zombies().isEmpty())).as("zombies: %s", ProcTable.zombies()).isTrue();
            assertThat(ProcTable.await(GONE, () -> scriptsRunning().isEmpty())).as("scripts: %s", scriptsRunning()).isTrue();
            assertThat(ProcTable.await(GONE, () -> openDescriptors() <= before)).as("descriptors %d, before %d", openDescriptors(), before).isTrue();
        }
    }

    /** Descendants of this JVM running something from the script directory. */
    private List<Long> scriptsRunning() {
        return ProcTable.descendantsOfThisJvm().stream().filter(p -> p.state() != 'Z').map(ProcTable.Proc::pid).filter(pid -> {
            try {
                return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8).contains("cgi-bin")
                        || Files.readSymbolicLink(Path.of("/proc/" + pid + "/cwd")).toString().contains("cgi-bin");
            } catch (Exception e) {
                return false; // gone meanwhile
            }
        }).toList();
    }

    private static long openDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
