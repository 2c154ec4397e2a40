package dev.gatehouse.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.http1.client.HttpClientConfig;
import dev.gatehouse.http1.client.HttpProxyApp;
import dev.gatehouse.http1.client.HttpTarget;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A protocol the module does not know, added the way the command line adds SCGI, uwsgi and HTTP:
 * CPython's http.server told a TCP port ({@code {port}}), health-checked over HTTP, reached
 * through the {@code http:} mount's gateway. Its command also leaves a process in the background,
 * which must not outlive the pool.
 */
class HttpBackendPoolTest {
    @TempDir
    Path dir;

    @Test
    void servesThroughAnHttpBackendOnAPortAndTakesItsWholeGroupDown() throws Exception {
        Path python = Procs.requirePython();
        Files.writeString(dir.resolve("hello.txt"), "hello over http\n");
        Path marker = dir.resolve("background.pid");
        BackendCommand command = BackendCommand.of("/bin/sh", "-c",
                "sleep 600 & echo $! > " + marker + "; exec " + python + " -m http.server {port} --bind 127.0.0.1").withDirectory(dir);
        BackendProtocol http = BackendProtocol.of("HTTP", HealthCheck.http("/"),
                (address, n) -> new HttpProxyApp(HttpTarget.parse("http://" + address), HttpClientConfig.defaults().withMaxConnections(n)));
        Front.Root dispatcher = new Front.Root();
        BackendPool pool = BackendPool.start("py-http", command, http, SupervisorConfig.defaults().withProcesses(1));
        List<Long> tree = new ArrayList<>();
        try (Front front = Front.start(dispatcher, Map.of("/py", pool))) {
            assertThat(pool.awaitReady(1, Duration.ofSeconds(30))).as("ready: %s", pool.status()).isTrue();
            HttpResponse<String> r = front.get("/py/hello.txt");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello over http\n");
            tree.addAll(pool.status().pids());
            Procs.await("the background process wrote its pid", () -> Files.exists(marker) && !read(marker).isEmpty());
            long background = Long.parseLong(read(marker));
            tree.add(background);
            assertThat(ProcessTree.statGroup(background)).contains(tree.get(0));
            Procs.await("the access log line reached the pool's output", () -> pool.status().recentOutput().stream()
                    .anyMatch(line -> line.matches("py-http#1 \\(pid \\d+\\) stderr: .*\"GET /hello.txt HTTP/1.1\" 200 .*")));
        } finally {
            pool.close();
        }
        Procs.await("the server and its background process are gone", () -> Procs.alive(tree).isEmpty());
        assertThat(Procs.stillInProc(tree.subList(0, 1))).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
