package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.config.ConfigFile;
import dev.gatehouse.cli.config.LoadedConfig;
import dev.gatehouse.cli.config.SiteSpec;
import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve --config}: a site from a file, over real connections; virtual hosts, per-mount middleware, reloads. */
class ServeConfigTest {
    private static final String GREETING = FixtureApps.Greeting.class.getName();
    @RegisterExtension
    final ServedCommands servers = new ServedCommands();

    @TempDir
    Path dir;


    private Path config(String text) throws Exception {
        return Files.writeString(dir.resolve("site.toml"), text);
    }

    private Path page(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static RawResponse get(RunningServer server, String host, String path, String... headerLines) throws Exception {
        int port = server.server().addresses().getFirst().port();
        try (RawHttpClient client = RawHttpClient.connect(new InetSocketAddress("127.0.0.1", port))) {
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
            for (String line : headerLines) request.append(line).append("\r\n");
            client.send(request.append("\r\n").toString());
            return client.readResponse();
        }
    }

    @Test
    void choosesTheVirtualHostByTheHostHeaderAsNginxDoes() throws Exception {
        page("a/index.html", "site a\n");
        page("b/index.html", "site b\n");
        page("c/index.html", "site c\n");
        RunningServer site = servers.serve("--config", config("""
                [[listen]]
                address = "127.0.0.1:0"

                [[host]]
                names = ["a.test"]
                [[host.mount]]
                prefix = "/"
                app = "files:${CONFIG_DIR}/a"

                [[host]]
                names = ["*.b.test", "b.test"]
                [[host.mount]]
                prefix = "/"
                app = "files:${CONFIG_DIR}/b"

                [[host]]
                names = ["c.test"]
                default = true
                [[host.mount]]
                prefix = "/"
                app = "files:${CONFIG_DIR}/c"
                """).toString());
        assertThat(get(site, "a.test", "/").bodyText()).isEqualTo("site a\n");
        assertThat(get(site, "A.Test:8080", "/").bodyText()).as("case and port ignored").isEqualTo("site a\n");
        assertThat(get(site, "b.test", "/").bodyText()).isEqualTo("site b\n");
        assertThat(get(site, "www.b.test", "/").bodyText()).isEqualTo("site b\n");
        assertThat(get(site, "deep.www.b.test.", "/").bodyText()).isEqualTo("site b\n");
        assertThat(get(site, "unknown.test", "/").bodyText()).as("unknown host: the default").isEqualTo("site c\n");
        assertThat(get(site, "127.0.0.1", "/").bodyText()).isEqualTo("site c\n");
    }

    @Test
    void withoutADefaultTheFirstHostTakesUnknownNames() throws Exception {
        page("a/index.html", "site a\n");
        page("b/index.html", "site b\n");
        RunningServer site = servers.serve("--config", config("""
                [[listen]]
                address = "127.0.0.1:0"
                [[host]]
                names = ["a.test"]
                [[host.mount]]
                prefix = "/"
                app = "files:${CONFIG_DIR}/a"
                [[host]]
                names = ["b.test"]
                [[host.mount]]
                prefix = "/"
                app = "files:${CONFIG_DIR}/b"
                """).toString());
        assertThat(get(site, "nowhere.test", "/").bodyText()).isEqualTo("site a\n");
        assertThat(get(site, "b.test", "/").bodyText()).isEqualTo("site b\n");
    }

    @Test
    void middlewareOfOneMountDoesNotTouchAnother() throws Exception {
        String big = "x".repeat(4096);
        page("a/big.txt", big);
        page("b/big.txt", big);
        String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest("secret".getBytes(StandardCharsets.UTF_8)));
        page("htpasswd", "alice:{SHA}" + sha + "\n");
        page("401.html", "<p>who are you?</p>\n");
        RunningServer site = servers.serve("--config", config("""
                [[listen]]
                address = "127.0.0.1:0"

                [[mount]]
                prefix = "/zipped"
                app = "files:${CONFIG_DIR}/a"
                gzip = true

                [[mount]]
                prefix = "/plain"
                app = "files:${CONFIG_DIR}/b"

                [[mount]]
                prefix = "/private"
                app = "%s"
                basic-auth = "htpasswd"
                error-pages = { 401 = "401.html" }

                [[mount]]
                prefix = "/small"
                app = "%s"
                body-size-limit = "10"
                """.formatted(GREETING, GREETING)).toString());
        RawResponse zipped = get(site, "x", "/zipped/big.txt", "Accept-Encoding: gzip");
        assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
        RawResponse plain = get(site, "x", "/plain/big.txt", "Accept-Encoding: gzip");
        assertThat(plain.header("Content-Encoding")).isNull();
        assertThat(plain.bodyText()).isEqualTo(big);

        RawResponse denied = get(site, "x", "/private/");
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.bodyText()).isEqualTo("<p>who are you?</p>\n");
        String credentials = Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
        assertThat(get(site, "x", "/private/x", "Authorization: Basic " + credentials).bodyText()).isEqualTo("greeting /private|/x");
        assertThat(get(site, "x", "/small/x").bodyText()).as("no password asked outside /private").isEqualTo("greeting /small|/x");
        assertThat(get(site, "x", "/small/x", "Content-Length: 11").status()).isEqualTo(413);
    }

    @Test
    void hostAndSiteMiddlewareWrapTheirMounts() throws Exception {
        page("a/big.txt", "y".repeat(4096));
        Path log = dir.resolve("access.log");
        RunningServer site = servers.serve("--config", config("""
                access-log = "access.log"
                access-log-format = "$host $status"
                [[listen]]
                address = "127.0.0.1:0"
                [[host]]
                names = ["zip.test"]
                gzip = true
                [[host.mount]]
                prefix = "/"
                app = "files:${CONFIG_DIR}/a"
                [[host]]
                names = ["flat.test"]
                [[host.mount]]
                prefix = "/"
                app = "files:${CONFIG_DIR}/a"
                """).toString());
        assertThat(get(site, "zip.test", "/big.txt", "Accept-Encoding: gzip").header("Content-Encoding")).isEqualTo("gzip");
        assertThat(get(site, "flat.test", "/big.txt", "Accept-Encoding: gzip").header("Content-Encoding")).isNull();
        site.stop();
        assertThat(Files.readAllLines(log)).containsExactly("zip.test 200", "flat.test 200");
    }

    @Test
    void theOptionsAndTheFileBuildTheSameModel() throws Exception {
        page("htpasswd", "alice:{SHA}x\n");
        page("404.txt", "gone\n");
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("--http", "127.0.0.1:8080", "--fastcgi", "unix:" + dir.resolve("f.sock"),
                "--scgi", "127.0.0.1:4000", "--uwsgi", "127.0.0.1:3031",
                "--mount", "/api=" + GREETING, "--mount", "/static/=files:" + dir, "--mount", "/php=fastcgi+spawn:php-cgi?root=/srv",
                "--class-path", dir + ":" + dir.resolve("x"), "--access-log", dir.resolve("access.log").toString(),
                "--access-log-format", "json", "--max-connections", "50", "--max-body-size", "10m", "--header-timeout", "5s",
                "--body-timeout", "2m", "--keep-alive-timeout", "3", "--write-timeout", "500ms",
                "--max-requests-per-connection", "7", "--shutdown-grace", "1h", "--trusted-proxy", "10.0.0.0/8",
                "--basic-auth", dir.resolve("htpasswd").toString(), "--request-timeout", "30s", "--gzip", "--body-size-limit", "1m",
                "--error-page", "404=" + dir.resolve("404.txt"), "--pid-file", dir.resolve("gh.pid").toString());
        SiteSpec fromOptions = command.fromOptions();
        Files.createDirectories(dir.resolve("x"));
        LoadedConfig fromFile = ConfigFile.load(config("""
                class-path = ["%1$s", "x"]
                access-log = "access.log"
                access-log-format = "json"
                trusted-proxies = ["10.0.0.0/8"]
                basic-auth = "htpasswd"
                request-timeout = "30s"
                gzip = true
                body-size-limit = "1m"
                error-pages = { 404 = "404.txt" }
                pid-file = "gh.pid"

                [[listen]]
                address = "127.0.0.1:8080"
                [[listen]]
                protocol = "fastcgi"
                address = "unix:f.sock"
                [[listen]]
                protocol = "scgi"
                address = "127.0.0.1:4000"
                [[listen]]
                protocol = "uwsgi"
                address = "127.0.0.1:3031"

                [limits]
                max-connections = 50
                max-body-size = "10m"
                header-timeout = "5s"
                body-timeout = "2m"
                keep-alive-timeout = 3
                write-timeout = "500ms"
                max-requests-per-connection = 7
                shutdown-grace = "1h"

                [[mount]]
                prefix = "/api"
                app = "%2$s"
                [[mount]]
                prefix = "/static"
                app = "files:%1$s"
                [[mount]]
                prefix = "/php"
                app = "fastcgi+spawn:php-cgi?root=/srv"
                """.formatted(dir, GREETING)));
        assertThat(fromFile.messages()).isEmpty();
        assertThat(fromFile.site()).isEqualTo(fromOptions);
    }

    @Test
    void theHostOptionsAndTheFileBuildTheSameModel() throws Exception {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("--mount", "/=" + GREETING,
                "--host", "a.test,*.A.test", "--host-mount", "/=files:" + dir, "--host-mount", "/api=" + GREETING,
                "--host", "b.test", "--host-mount", "/=" + GREETING);
        LoadedConfig fromFile = ConfigFile.load(config("""
                [[host]]
                default = true
                [[host.mount]]
                prefix = "/"
                app = "%2$s"

                [[host]]
                names = ["a.test", "*.a.test"]
                [[host.mount]]
                prefix = "/"
                app = "files:%1$s"
                [[host.mount]]
                prefix = "/api"
                app = "%2$s"

                [[host]]
                names = ["b.test"]
                [[host.mount]]
                prefix = "/"
                app = "%2$s"
                """.formatted(dir, GREETING)));
        assertThat(fromFile.messages()).isEmpty();
        assertThat(fromFile.site()).isEqualTo(command.fromOptions());
    }

    @Test
    void servesVirtualHostsFromTheCommandLine() throws Exception {
        page("a/index.html", "site a\n");
        RunningServer site = servers.serve("--http", "127.0.0.1:0", "--mount", "/=" + GREETING,
                "--host", "a.test", "--host-mount", "/=files:" + dir.resolve("a"));
        assertThat(get(site, "a.test", "/").bodyText()).isEqualTo("site a\n");
        assertThat(get(site, "other.test", "/x").bodyText()).isEqualTo("greeting |/x");
    }

    @Test
    void reloadSwapsInANewSiteAndRefusesABadFile() throws Exception {
        page("a/index.html", "first\n");
        page("b/index.html", "second\n");
        String site = """
                [[listen]]
                address = "127.0.0.1:0"
                [[mount]]
                prefix = "/"
                app = "files:${CONFIG_DIR}/%s"
                """;
        Path file = config(site.formatted("a"));
        RunningServer server = servers.serve("--config", file.toString());
        assertThat(get(server, "x", "/").bodyText()).isEqualTo("first\n");
        assertThat(get(server, "x", "/hi/there").status()).isEqualTo(404);

        Files.writeString(file, site.formatted("b") + """
                [[mount]]
                prefix = "/hi"
                app = "%s"
                """.formatted(GREETING));
        assertThat(server.reload()).isTrue();
        assertThat(get(server, "x", "/").bodyText()).isEqualTo("second\n");
        assertThat(get(server, "x", "/hi/there").bodyText()).isEqualTo("greeting /hi|/there");

        Files.writeString(file, site.formatted("a") + "gzip = \"yes\"\n");
        assertThat(server.reload()).isFalse();
        assertThat(get(server, "x", "/").bodyText()).as("the old site still answers").isEqualTo("second\n");
        Files.writeString(file, site.formatted("a").replace("files:", "files-nope:"));
        assertThat(server.reload()).isFalse();
        assertThat(get(server, "x", "/hi/there").bodyText()).isEqualTo("greeting /hi|/there");
    }

    @Test
    void aRequestInFlightFinishesOnTheOldSiteWhichIsClosedAfterIt() throws Exception {
        HeldApp.reset();
        String site = """
                [[listen]]
                address = "127.0.0.1:0"
                [[mount]]
                prefix = "/"
                app = "%s"
                """;
        Path file = config(site.formatted(HeldApp.class.getName()));
        RunningServer server = servers.serve("--config", file.toString());
        var inFlight = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor().submit(() -> get(server, "x", "/"));
        assertThat(HeldApp.entered.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        Files.writeString(file, site.formatted(GREETING));
        assertThat(server.reload()).isTrue();
        assertThat(get(server, "x", "/a").bodyText()).as("new requests: the new site").isEqualTo("greeting |/a");
        assertThat(HeldApp.closed.getCount()).as("the old site is open while its request runs").isEqualTo(1);

        HeldApp.release.countDown();
        RawResponse held = inFlight.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(held.status()).isEqualTo(200);
        assertThat(held.bodyText()).isEqualTo("held and released");
        assertThat(HeldApp.closed.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("closed after its last request").isTrue();
    }

    @Test
    void reloadStartsNewSupervisedBackendsAndStopsTheOldOnes() throws Exception {
        dev.gatehouse.testkit.peers.PeerProcess.require(Path.of("/usr/bin/php-cgi"), "apt-get install php-cgi");
        page("one/index.php", "<?php echo 'one';");
        page("two/index.php", "<?php echo 'two';");
        String site = """
                [[listen]]
                address = "127.0.0.1:0"
                [[mount]]
                prefix = "/php"
                app = "fastcgi+spawn:php-cgi?root=${CONFIG_DIR}/%s&processes=1"
                """;
        Path file = config(site.formatted("one"));
        List<ProcessHandle> others = phpCgiChildren(List.of()); // of other tests' servers, maybe still exiting
        RunningServer server = servers.serve("--config", file.toString());
        assertThat(get(server, "x", "/php/index.php").bodyText()).isEqualTo("one");
        List<ProcessHandle> before = phpCgiChildren(others);
        assertThat(before).hasSize(1);

        Files.writeString(file, site.formatted("two"));
        assertThat(server.reload()).isTrue();
        assertThat(get(server, "x", "/php/index.php").bodyText()).isEqualTo("two");
        before.getFirst().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS); // stopped once idle, within the grace
        List<ProcessHandle> after = phpCgiChildren(others);
        assertThat(after).hasSize(1).doesNotContain(before.getFirst());

        server.stop();
        after.getFirst().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void reloadKeepsASupervisedBackendWhoseSpecDidNotChange() throws Exception {
        dev.gatehouse.testkit.peers.PeerProcess.require(Path.of("/usr/bin/php-cgi"), "apt-get install php-cgi");
        page("php/pid.php", "<?php echo getmypid();");
        page("v1/index.html", "v1\n");
        page("v2/index.html", "v2\n");
        String site = """
                [[listen]]
                address = "127.0.0.1:0"
                [[mount]]
                prefix = "/php"
                app = "fastcgi+spawn:%s?root=${CONFIG_DIR}/php&processes=1"
                [[mount]]
                prefix = "/"
                app = "files:${CONFIG_DIR}/%s"
                """;
        Path file = config(site.formatted("php-cgi", "v1"));
        RunningServer server = servers.serve("--config", file.toString());
        long first = phpPid(server);

        java.util.concurrent.atomic.AtomicBoolean loading = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.ConcurrentLinkedQueue<String> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        Thread load = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 100_000 && loading.get(); i++) {
                try {
                    RawResponse r = get(server, "x", "/php/pid.php");
                    if (r.status() != 200 || !r.bodyText().equals(Long.toString(first))) failures.add(r.status() + " " + r.bodyText());
                } catch (Exception e) {
                    failures.add(e.toString());
                }
                done.incrementAndGet();
            }
        });
        awaitAtLeast(done, 20);
        assertThat(server.reload()).as("the same file again").isTrue();
        int afterFirst = done.get();
        awaitAtLeast(done, afterFirst + 20);
        Files.writeString(file, site.formatted("php-cgi", "v2")); // another mount changed, this one not
        assertThat(server.reload()).isTrue();
        assertThat(get(server, "x", "/").bodyText()).isEqualTo("v2\n");
        int afterSecond = done.get();
        awaitAtLeast(done, afterSecond + 20);
        loading.set(false);
        load.join(30_000);
        assertThat(failures).as("requests through both reloads, all to the same process").isEmpty();
        assertThat(phpPid(server)).isEqualTo(first);
        assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive)).contains(true);

        Files.writeString(file, site.formatted("php-cgi -d memory_limit=64M", "v2")); // its arguments changed
        assertThat(server.reload()).isTrue();
        long second = phpPid(server);
        assertThat(second).isNotEqualTo(first);
        awaitExit(first); // stopped once the old site is closed, within its grace
        assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).as("the old backend is gone").isFalse();
        assertThat(get(server, "x", "/php/pid.php").bodyText()).isEqualTo(Long.toString(second));

        Files.writeString(file, site.formatted("php-cgi -d memory_limit=64M", "v2") + """
                [[mount]]
                prefix = "/broken"
                app = "fastcgi+spawn:/bin/false {socket}?processes=1&start-timeout=1s"
                """);
        assertThat(server.reload()).as("a new backend that cannot start refuses the reload").isFalse();
        assertThat(phpPid(server)).as("the running backend is left as it was").isEqualTo(second);

        server.stop();
        awaitExit(second);
    }

    /** The pid of the php-cgi that answers (the pool has one process). */
    private static long phpPid(RunningServer server) throws Exception {
        RawResponse r = get(server, "x", "/php/pid.php");
        assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
        return Long.parseLong(r.bodyText());
    }

    /** Waits (bounded) for the process {@code pid} to end, if it is still there. */
    private static void awaitExit(long pid) throws Exception {
        java.util.Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent()) process.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static void awaitAtLeast(java.util.concurrent.atomic.AtomicInteger count, int n) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (count.get() < n) {
            if (System.nanoTime() > deadline) throw new AssertionError("the requests stalled at " + count.get());
            Thread.sleep(5);
        }
    }

    /** The php-cgi processes this JVM started, but {@code others}. */
    private static List<ProcessHandle> phpCgiChildren(List<ProcessHandle> others) {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).filter(p -> !others.contains(p))
                .filter(p -> p.info().command().orElse("").contains("php-cgi")).toList();
    }

    @Test
    void givesAUnixSocketItsModeAndWritesThePidFile() throws Exception {
        page("a/index.html", "over a socket\n");
        Path socket = dir.resolve("gh.sock");
        Path pid = dir.resolve("gh.pid");
        RunningServer server = servers.serve("--config", config("""
                pid-file = "gh.pid"
                [[listen]]
                address = "127.0.0.1:0"
                [[listen]]
                address = "unix:gh.sock"
                mode = "0600"
                [[mount]]
                prefix = "/"
                app = "files:${CONFIG_DIR}/a"
                """).toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        assertThat(Files.readString(pid).strip()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        try (RawHttpClient client = RawHttpClient.connect(java.net.UnixDomainSocketAddress.of(socket))) {
            client.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(client.readResponse().bodyText()).isEqualTo("over a socket\n");
        }
        server.stop();
        assertThat(pid).doesNotExist();
        assertThat(socket).doesNotExist();
    }
}
