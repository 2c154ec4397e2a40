package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar serving a configuration file while clients keep it busy: SIGHUP with changed
 * files (a response changed, a mount added), a bad file, and {@code gatehouse reload}, with no
 * request failing and each change visible once the reload is logged.
 */
class ConfigReloadIT {
    private static final Pattern SERVING = Pattern.compile("Gatehouse serving .+ on http://127\\.0\\.0\\.1:(\\d+)$");
    private static final int CLIENTS = 4;
    private static final int REQUESTS_PER_CLIENT = 2500;
    private static final String SITE = """
            pid-file = "gh.pid"
            [[listen]]
            address = "127.0.0.1:0"
            [[mount]]
            prefix = "/"
            app = "files:${CONFIG_DIR}/%s"
            """;
    private static final String EXTRA = """
            [[mount]]
            prefix = "/extra"
            app = "files:${CONFIG_DIR}/v1"
            """;

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();
    private final BlockingQueue<String> log = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    private static List<String> javaJar(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("gatehouse.jar")));
        command.addAll(List.of(args));
        return command;
    }

    /** Waits for a log line of the server containing {@code text}; fails after 30 s with what it logged. */
    private String awaitLog(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = log.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) continue;
            seen.add(line);
            if (line.contains(text)) return line;
        }
        throw new AssertionError("no log line with '" + text + "'; the server logged " + seen);
    }

    private static RawResponse get(int port, String path) throws IOException {
        try (RawHttpClient client = RawHttpClient.connect(new InetSocketAddress("127.0.0.1", port))) {
            client.send("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            return client.readResponse();
        }
    }

    @Test
    void reloadsUnderLoadWithoutAFailedRequest() throws Exception {
        for (String v : List.of("v1", "v2", "v3")) {
            Files.createDirectories(dir.resolve(v));
            Files.writeString(dir.resolve(v).resolve("index.html"), v + "\n");
        }
        Path config = Files.writeString(dir.resolve("site.toml"), SITE.formatted("v1"));
        Process server = serve(config);
        int port = awaitPort();

        AtomicInteger done = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            boolean keepAlive = c % 2 == 0;
            clients.add(Thread.ofPlatform().name("load-" + c).start(() -> load(port, keepAlive, done, failures)));
        }

        awaitCount(done, 1000);
        Files.writeString(config, SITE.formatted("v2") + EXTRA); // a response changed, a mount added
        hangUp(server);
        awaitLog("reloaded " + config);
        assertThat(get(port, "/").bodyText()).isEqualTo("v2\n");
        assertThat(get(port, "/extra/").bodyText()).isEqualTo("v1\n");

        awaitCount(done, 3000);
        Files.writeString(config, SITE.formatted("v3") + "gzip = \"yes\"\n");
        hangUp(server);
        assertThat(awaitLog("site.toml:7: 'gzip' must be true or false, not a string")).contains("ERROR");
        awaitLog("reload refused");
        assertThat(get(port, "/").bodyText()).as("the old site still answers").isEqualTo("v2\n");

        awaitCount(done, 5000);
        Files.writeString(config, SITE.formatted("v3"));
        hangUp(server);
        awaitLog("reloaded " + config);
        assertThat(get(port, "/").bodyText()).isEqualTo("v3\n");
        assertThat(get(port, "/extra/").status()).as("the mount is gone again").isEqualTo(404);

        awaitCount(done, 7000);
        Files.writeString(config, SITE.formatted("v1"));
        Process reload = new ProcessBuilder(javaJar("reload", "--config", config.toString())).redirectErrorStream(true).start();
        processes.add(reload);
        String said = new String(reload.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(reload.waitFor()).as(said).isZero();
        awaitLog("reloaded " + config);
        assertThat(get(port, "/").bodyText()).isEqualTo("v1\n");

        for (Thread t : clients) t.join(TimeUnit.MINUTES.toMillis(2));
        assertThat(failures).as("failed requests").isEmpty();
        assertThat(done.get()).isEqualTo(CLIENTS * REQUESTS_PER_CLIENT);

        server.toHandle().destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isZero();
        assertThat(dir.resolve("gh.pid")).doesNotExist();
    }

    @Test
    void aSupervisedBackendThatDidNotChangeKeepsRunningThroughSighup() throws Exception {
        dev.gatehouse.testkit.peers.PeerProcess.require(Path.of("/usr/bin/php-cgi"), "apt-get install php-cgi");
        Files.createDirectories(dir.resolve("php"));
        Files.writeString(dir.resolve("php").resolve("pid.php"), "<?php echo getmypid();");
        for (String v : List.of("v1", "v2")) {
            Files.createDirectories(dir.resolve(v));
            Files.writeString(dir.resolve(v).resolve("index.html"), v + "\n");
        }
        String site = SITE + """
                [[mount]]
                prefix = "/php"
                app = "fastcgi+spawn:%s?root=${CONFIG_DIR}/php&processes=1"
                """;
        Path config = Files.writeString(dir.resolve("site.toml"), site.formatted("v1", "php-cgi"));
        Process server = serve(config);
        int port = awaitPort();
        String first = get(port, "/php/pid.php").bodyText();

        Files.writeString(config, site.formatted("v2", "php-cgi")); // another mount changed, the backend not
        hangUp(server);
        assertThat(awaitLog("unchanged, kept running")).contains("php-cgi");
        awaitLog("reloaded " + config);
        assertThat(get(port, "/").bodyText()).isEqualTo("v2\n");
        assertThat(get(port, "/php/pid.php").bodyText()).as("the same process").isEqualTo(first);

        Files.writeString(config, site.formatted("v2", "php-cgi -d memory_limit=64M"));
        hangUp(server);
        awaitLog("reloaded " + config);
        String second = get(port, "/php/pid.php").bodyText();
        assertThat(second).isNotEqualTo(first).matches("\\d+");
        ProcessHandle old = ProcessHandle.of(Long.parseLong(first)).orElse(null);
        if (old != null) old.onExit().get(60, TimeUnit.SECONDS); // once the old site is closed
        assertThat(ProcessHandle.of(Long.parseLong(first)).map(ProcessHandle::isAlive).orElse(false)).as("the old backend is gone").isFalse();

        server.toHandle().destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isZero();
        assertThat(ProcessHandle.of(Long.parseLong(second)).map(ProcessHandle::isAlive).orElse(false)).as("stopped with the server").isFalse();
    }

    /** Starts the packaged jar serving {@code config}, its log read into {@link #log}. */
    private Process serve(Path config) throws IOException {
        return serve(config, javaJar("serve", "--config", config.toString()));
    }

    private Process serve(Path config, List<String> command) throws IOException {
        Process server = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(server);
        Thread.ofVirtual().start(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) log.add(line);
            } catch (IOException e) {
                log.add("(log read failed: " + e + ")");
            }
        });
        return server;
    }

    @Test
    void warnsWhenStartedWithSighupIgnoredAsUnderNohup() throws Exception {
        Files.createDirectories(dir.resolve("v1"));
        Files.writeString(dir.resolve("v1").resolve("index.html"), "v1\n");
        Path config = Files.writeString(dir.resolve("site.toml"), SITE.formatted("v1"));
        List<String> command = new ArrayList<>(List.of("sh", "-c", "trap '' HUP; exec \"$@\"", "sh"));
        command.addAll(javaJar("serve", "--config", config.toString()));
        serve(config, command); // sh execs java: the process handle is the server's
        awaitLog(ServerSignals.HUP_IGNORED);
    }

    /** The HTTP port the server logs it is serving on. */
    private int awaitPort() throws InterruptedException {
        Matcher serving = SERVING.matcher(awaitLog("Gatehouse serving"));
        assertThat(serving.find()).isTrue();
        return Integer.parseInt(serving.group(1));
    }

    /** A fixed number of GETs of "/", on one kept-alive connection or a new one each; every answer must be a 200 of some version. */
    private static void load(int port, boolean keepAlive, AtomicInteger done, ConcurrentLinkedQueue<String> failures) {
        RawHttpClient client = null;
        try {
            for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                if (client == null) client = RawHttpClient.connect(new InetSocketAddress("127.0.0.1", port));
                client.send("GET / HTTP/1.1\r\nHost: x\r\n" + (keepAlive ? "" : "Connection: close\r\n") + "\r\n");
                RawResponse r = client.readResponse();
                if (r.status() != 200 || !r.bodyText().matches("v[123]\n")) failures.add(r.status() + " " + r.bodyText());
                if (!keepAlive || r.announcesClose()) {
                    client.close();
                    client = null;
                }
                done.incrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            failures.add(e.toString());
        } finally {
            try {
                if (client != null) client.close();
            } catch (IOException ignored) {
                // the test is over for this client
            }
        }
    }

    private static void awaitCount(AtomicInteger done, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (done.get() < count) {
            if (System.nanoTime() > deadline) throw new AssertionError("the clients stalled at " + done.get() + " requests");
            Thread.sleep(2);
        }
    }

    private static void hangUp(Process server) throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(server.pid())).redirectErrorStream(true).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
