package dev.gatehouse.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.fastcgi.client.FcgiClientConfig;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gatehouse's own FastCGI server in a child JVM as the supervised backend: handed its listening
 * socket on standard input ({@code fd:0}, the mod_fcgid way) or told a socket path.
 */
class JavaBackendPoolTest {
    @BeforeAll
    static void python() {
        Procs.requirePython();
    }

    static BackendPool start(String name, String listen, SupervisorConfig config, Front.Root dispatcher) throws Exception {
        BackendCommand command = BackendCommand.of(Procs.javaCommand(JavaFcgiBackend.class.getName(), listen));
        BackendPool pool = BackendPool.start(name, command, BackendProtocol.fastcgi(null, FcgiClientConfig.defaults(), dispatcher.app::get), config);
        assertThat(pool.awaitReady(config.processes(), Duration.ofSeconds(60))).as("%s became ready: %s", name, pool.status()).isTrue();
        return pool;
    }

    @Test
    void servesFromJavaProcessesGivenTheirSocketOnStandardInput() throws Exception {
        Front.Root dispatcher = new Front.Root();
        try (BackendPool pool = start("java", "fd:0", SupervisorConfig.defaults().withProcesses(2).withConnectionsPerProcess(8), dispatcher);
             Front front = Front.start(dispatcher, Map.of("/java", pool))) {
            HttpResponse<String> hello = front.get("/java/hello");
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(hello.body()).startsWith("hello from java ").endsWith(" at /java/hello");
            long pid = Long.parseLong(front.get("/java/pid").body());
            assertThat(pool.status().readyPids()).contains(pid);
            // the backend took over the socket the pool made, and reports its real address
            assertThat(pool.status().recentOutput()).anySatisfy(line -> assertThat(line)
                    .matches("java#[12] \\(pid \\d+\\) stdout: java backend listening on \\[unix:.*\\.sock\\] \\(given fd:0\\)"));
        }
    }

    @Test
    void aCrashUnderARequestAnswers502AndTheProcessIsReplaced() throws Exception {
        Front.Root dispatcher = new Front.Root();
        try (BackendPool pool = start("java-crash", "fd:0", SupervisorConfig.defaults().withProcesses(1), dispatcher);
             Front front = Front.start(dispatcher, Map.of("/java", pool))) {
            long first = pool.status().readyPids().get(0);
            assertThat(front.get("/java/crash").statusCode()).isEqualTo(502);
            Procs.await("a new process is ready", () -> pool.status().readyPids().size() == 1 && !pool.status().readyPids().contains(first));
            // the 502 may reach the client before the exit is accounted for: how many were in flight is not asserted
            assertThat(pool.status().lastFailure()).contains("pid " + first).contains("exit status 3 while serving");
            HttpResponse<String> after = front.get("/java/pid");
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(Long.parseLong(after.body())).isNotEqualTo(first);
        }
    }

    @Test
    void servesFromAJavaProcessToldItsSocketPathAndStopsItGracefully() throws Exception {
        Front.Root dispatcher = new Front.Root();
        BackendPool pool = start("java-path", "unix:{socket}", SupervisorConfig.defaults().withProcesses(1), dispatcher);
        List<Long> pids;
        try (Front front = Front.start(dispatcher, Map.of("/java", pool))) {
            HttpResponse<String> r = front.get("/java/pid");
            assertThat(r.statusCode()).isEqualTo(200);
            pids = pool.status().pids();
            assertThat(pids).containsExactly(Long.parseLong(r.body()));
        } finally {
            pool.close();
        }
        assertThat(Procs.stillInProc(pids)).isEmpty();
        // SIGTERM ran the backend's own shutdown hook: it stopped, it was not killed
        assertThat(pool.status().recentOutput()).anySatisfy(line -> assertThat(line).endsWith("stdout: java backend stopping"));
    }
}
