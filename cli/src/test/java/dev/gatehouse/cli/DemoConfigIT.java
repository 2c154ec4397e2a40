package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.peers.PeerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code gatehouse serve} with no arguments: the demo site from its bundled configuration, every page its index links to. */
class DemoConfigIT {
    private static final Pattern SERVING = Pattern.compile("Gatehouse serving the demo site on (http://\\S+)$");
    private static final Pattern LINK = Pattern.compile("href=\"(/[^\"]*)\"");
    private final List<Process> processes = new ArrayList<>();
    private Path accountsDir;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        }
        client.close();
        if (accountsDir != null) {
            try (var files = java.nio.file.Files.walk(accountsDir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.deleteIfExists(f);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Starts the demo on a free port with {@code environment} changes, and returns its URL. */
    private String demo(Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("gatehouse.jar"), "serve", "--http", "127.0.0.1:0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        accountsDir = java.nio.file.Files.createTempDirectory("demo-accounts");   // the /accounts example's SQLite file, removed after
        builder.environment().put("GATEHOUSE_ACCOUNTS_DB", accountsDir.resolve("accounts.db").toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        processes.add(process);
        BufferedReader log = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line; (line = log.readLine()) != null; ) {
            Matcher m = SERVING.matcher(line);
            if (m.find()) {
                Thread.ofVirtual().start(() -> drain(log)); // keep draining its log
                return m.group(1);
            }
            seen.add(line);
        }
        throw new AssertionError("the demo did not start; its log: " + seen);
    }

    private static void drain(BufferedReader log) {
        try {
            while (log.readLine() != null) {
                // discarded: the test reads the demo's answers, not its log
            }
        } catch (IOException stopped) {
            // the demo process was stopped and its stderr closed
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> links(String base) throws Exception {
        HttpResponse<String> index = get(base + "/");
        assertThat(index.statusCode()).isEqualTo(200);
        List<String> links = new ArrayList<>();
        Matcher m = LINK.matcher(index.body());
        while (m.find()) links.add(m.group(1).replace("&amp;", "&"));
        return links;
    }

    @Test
    void everyPageTheIndexLinksToAnswers() throws Exception {
        PeerProcess.require(Path.of("/usr/bin/php-cgi"), "apt-get install php-cgi");
        String base = demo(Map.of());
        List<String> links = links(base);
        assertThat(links).contains("/static/", "/cgi-bin/hello.sh?q=1", "/php/index.php", "/via/fastcgi/environ?q=1",
                "/via/scgi/environ?q=1", "/via/uwsgi/environ?q=1", "/hello", "/form");
        for (String link : links) assertThat(get(base + link).statusCode()).as(link).isEqualTo(200);
        assertThat(get(base + "/cgi-bin/hello.sh?q=1").body()).contains("Hello from a CGI script", "QUERY_STRING=q=1");
        assertThat(get(base + "/php/index.php").body()).contains("<h1>Hello from PHP ");
        assertThat(get(base + "/static/").body()).contains("<h1>Static files</h1>");

        Process server = processes.getFirst();
        List<ProcessHandle> backends = server.descendants().toList();
        assertThat(backends).as("the supervised php-cgi processes").isNotEmpty();
        server.destroy(); // SIGTERM
        assertThat(server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isZero();
        for (ProcessHandle backend : backends) {
            assertThat(backend.isAlive()).as("%s outlived the server", backend.info().command().orElse("?")).isFalse();
        }
    }

    @Test
    void withoutPhpCgiTheIndexSaysSoAndTheRestAnswers() throws Exception {
        String base = demo(Map.of("PATH", "/nonexistent"));
        assertThat(get(base + "/").body()).contains("php-cgi is not on the PATH");
        for (String link : links(base)) {
            assertThat(get(base + link).statusCode()).as(link).isEqualTo(link.startsWith("/php/") ? 404 : 200);
        }
    }
}
