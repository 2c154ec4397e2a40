package dev.gatehouse.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.fastcgi.client.FcgiClientConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * php-cgi as a supervised FastCGI backend behind Gatehouse's HTTP server: real processes, real
 * signals. No timed assertions: every wait is a bounded poll for a condition.
 */
class PhpCgiPoolTest {
    @TempDir
    static Path dir;
    static Path root;
    static Path phpCgi;

    @BeforeAll
    static void scripts() throws IOException {
        phpCgi = Procs.requirePhpCgi();
        Procs.requirePython();
        root = Files.createDirectories(dir.resolve("www"));
        Files.writeString(root.resolve("hello.php"), "<?php header('Content-Type: text/plain'); echo 'hello from php ', PHP_VERSION;");
        Files.writeString(root.resolve("pid.php"), "<?php echo getmypid();");
        Files.writeString(root.resolve("work.php"), "<?php usleep(3000); echo getmypid();");
    }

    /** php-cgi with its own recycling off: the pool's {@code maxRequests} is the one in charge. */
    static BackendCommand phpCgi(String... args) {
        List<String> argv = new ArrayList<>(List.of(phpCgi.toString()));
        argv.addAll(List.of(args));
        return BackendCommand.of(argv).withEnvironment(Map.of("PHP_FCGI_MAX_REQUESTS", "0"));
    }

    static BackendPool start(String name, BackendCommand command, SupervisorConfig config, Front.Root dispatcher) throws Exception {
        BackendPool pool = BackendPool.start(name, command, BackendProtocol.fastcgi(root.toString(), FcgiClientConfig.defaults(), dispatcher.app::get), config);
        assertThat(pool.awaitReady(config.processes(), Duration.ofSeconds(30))).as("%s became ready: %s", name, pool.status()).isTrue();
        return pool;
    }

    @Test
    void servesAPhpPageFromProcessesGivenTheirSocketOnStandardInput() throws Exception {
        Front.Root dispatcher = new Front.Root();
        try (BackendPool pool = start("php", phpCgi(), SupervisorConfig.defaults().withProcesses(2), dispatcher);
             Front front = Front.start(dispatcher, Map.of("/php", pool))) {
            HttpResponse<String> hello = front.get("/php/hello.php");
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(hello.body()).startsWith("hello from php 8");
            Set<String> pids = new HashSet<>();
            for (int i = 0; i < 6; i++) pids.add(front.get("/php/pid.php").body());
            // idle processes take requests in turn
            assertThat(pids).hasSize(2);
            assertThat(pids).containsExactlyInAnyOrderElementsOf(pool.status().readyPids().stream().map(String::valueOf).toList());
            assertThat(pool.supervisor().runtimeDirectory()).isDirectory();
        }
    }

    @Test
    void servesAPhpPageFromAProcessThatBindsTheSocketPathItself() throws Exception {
        Front.Root dispatcher = new Front.Root();
        try (BackendPool pool = start("php-b", phpCgi("-b", "{socket}"), SupervisorConfig.defaults().withProcesses(1), dispatcher);
             Front front = Front.start(dispatcher, Map.of("/php", pool))) {
            HttpResponse<String> pid = front.get("/php/pid.php");
            assertThat(pid.statusCode()).isEqualTo(200);
            assertThat(pool.status().readyPids()).containsExactly(Long.parseLong(pid.body()));
        }
    }

    @Test
    void aBackendKilledMidLoadComesBackAndOnlyItsRequestsFail() throws Exception {
        int threads = 4;
        int perThread = 150;
        Front.Root dispatcher = new Front.Root();
        try (BackendPool pool = start("php-kill", phpCgi(), SupervisorConfig.defaults().withProcesses(2), dispatcher);
             Front front = Front.start(dispatcher, Map.of("/php", pool))) {
            long victim = pool.status().readyPids().get(0);
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicInteger broken = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            CountDownLatch started = new CountDownLatch(60);
            List<Thread> load = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                load.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        try {
                            HttpResponse<String> r = front.get("/php/work.php");
                            statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        } catch (IOException e) {
                            broken.incrementAndGet(); // cut after its head was sent: also a request of the dead process
                        } catch (InterruptedException e) {
                            return;
                        }
                        done.incrementAndGet();
                        started.countDown();
                    }
                }));
            }
            started.await();
            assertThat(ProcessHandle.of(victim).map(ProcessHandle::destroyForcibly)).contains(true); // SIGKILL
            for (Thread t : load) t.join(Procs.BOUND_MILLIS);
            assertThat(done.get()).isEqualTo(threads * perThread);

            int ok = statuses.getOrDefault(200, new AtomicInteger()).get();
            int badGateway = statuses.getOrDefault(502, new AtomicInteger()).get();
            assertThat(statuses.keySet()).as("statuses %s", statuses).isSubsetOf(200, 502);
            // each client thread has at most one request in flight, so at most one per thread was on the victim
            assertThat(badGateway + broken.get()).as("failed requests").isLessThanOrEqualTo(threads);
            assertThat(ok + badGateway + broken.get()).isEqualTo(threads * perThread);

            Procs.await("a new process replaces the killed one", () -> pool.status().readyPids().size() == 2
                    && !pool.status().readyPids().contains(victim));
            PoolStatus status = pool.status();
            assertThat(status.failures()).isEqualTo(1);
            assertThat(status.lastFailure()).contains("pid " + victim).contains("killed by signal 9");
            assertThat(status.restartDelays()).containsExactly(Duration.ZERO);
            assertThat(Procs.stillInProc(List.of(victim))).as("the killed process was reaped").isEmpty();
            for (int i = 0; i < 4; i++) assertThat(front.get("/php/pid.php").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void recyclesAProcessAfterItsRequestsAndStopsTheOldOne() throws Exception {
        Front.Root dispatcher = new Front.Root();
        try (BackendPool pool = start("php-recycle", phpCgi(), SupervisorConfig.defaults().withProcesses(1).withMaxRequests(3), dispatcher);
             Front front = Front.start(dispatcher, Map.of("/php", pool))) {
            List<Long> served = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> r = front.get("/php/pid.php");
                assertThat(r.statusCode()).isEqualTo(200);
                served.add(Long.parseLong(r.body()));
            }
            Map<Long, Integer> perPid = new HashMap<>();
            for (long pid : served) perPid.merge(pid, 1, Integer::sum);
            assertThat(perPid).hasSize(4);
            assertThat(perPid.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3));
            assertThat(served.subList(0, 3)).containsOnly(served.get(0));
            List<Long> old = served.subList(0, 9).stream().distinct().toList();
            Procs.await("the recycled processes are gone", () -> Procs.stillInProc(old).isEmpty());
            assertThat(pool.status().failures()).isZero();
            assertThat(pool.status().starts()).isEqualTo(4);
        }
    }

    @Test
    void recyclesAProcessOnceItHasBeenReadyForItsLifetime() throws Exception {
        Front.Root dispatcher = new Front.Root();
        try (BackendPool pool = start("php-age", phpCgi(), SupervisorConfig.defaults().withProcesses(1).withMaxLifetime(Duration.ofMillis(200)), dispatcher);
             Front front = Front.start(dispatcher, Map.of("/php", pool))) {
            long first = pool.status().readyPids().get(0);
            Procs.await("a younger process took over", () -> !pool.status().readyPids().isEmpty() && !pool.status().readyPids().contains(first));
            Procs.await("the old one is gone", () -> Procs.stillInProc(List.of(first)).isEmpty());
            HttpResponse<String> r = front.get("/php/pid.php");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Long.parseLong(r.body())).isNotEqualTo(first);
            assertThat(pool.status().failures()).isZero();
        }
    }

    @Test
    void shutdownStopsEveryProcessAndItsWorkersAndClosesEveryDescriptor() throws Exception {
        Front.Root dispatcher = new Front.Root();
        int before = Procs.pipesAndSockets();
        // php-cgi forking two workers per process: the masters' children must go too
        BackendCommand forking = phpCgi().withEnvironment(Map.of("PHP_FCGI_CHILDREN", "2"));
        BackendPool pool = start("php-tree", forking, SupervisorConfig.defaults().withProcesses(2).withConnectionsPerProcess(2), dispatcher);
        List<Long> masters = pool.status().pids();
        Procs.await("each php-cgi forked its two workers", () -> masters.stream().allMatch(m -> Procs.children(m).size() == 2));
        List<Long> tree = new ArrayList<>(masters);
        for (long m : masters) tree.addAll(Procs.children(m));
        for (long pid : tree) assertThat(ProcessTree.statGroup(pid)).as("pid %d is in its master's group", pid).isPresent();
        Path runtime = pool.supervisor().runtimeDirectory();
        try (Front front = Front.start(dispatcher, Map.of("/php", pool))) {
            HttpResponse<String> r = front.get("/php/pid.php");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(tree).contains(Long.parseLong(r.body()));
        }
        pool.close();
        assertThat(Procs.stillInProc(masters)).as("the masters were reaped").isEmpty();
        Procs.await("no process of the trees is left alive", () -> Procs.alive(tree).isEmpty());
        assertThat(runtime).doesNotExist();
        assertThat(pool.status().closed()).isTrue();
        assertThat(pool.status().processes()).isEmpty();
        Procs.await("every pipe and socket of the pool is closed", () -> Procs.pipesAndSockets() <= before);
    }
}
