package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --scgi/--uwsgi} and the {@code scgi:}, {@code uwsgi:} and {@code http:} mounts,
 * each tried end to end: one Gatehouse serves an app over a protocol, a second one mounts it.
 */
class ServeCommandGatewaysTest {
    private static final String GREETING = FixtureApps.Greeting.class.getName();
    @RegisterExtension
    final ServedCommands servers = new ServedCommands();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @AfterEach
    void stop() {
        client.close();
    }

    private HttpResponse<String> get(RunningServer front, String path) throws Exception {
        int port = front.server().addresses().getFirst().port();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesOverScgiAndUwsgiAndMountsBoth(@TempDir Path dir) throws Exception {
        RunningServer back = servers.serve("--app", GREETING, "--scgi", "127.0.0.1:0", "--uwsgi", "unix:" + dir.resolve("uwsgi.sock"));
        assertThat(back.server()).as("no HTTP listener unless asked for").isNull();
        int scgiPort = back.scgi().addresses().getFirst().port();
        RunningServer front = servers.serve("--http", "127.0.0.1:0",
                "--mount", "/s=scgi://127.0.0.1:" + scgiPort,
                "--mount", "/u=uwsgi:unix:" + dir.resolve("uwsgi.sock"));
        assertThat(get(front, "/s/x/y").body()).isEqualTo("greeting /s|/x/y");
        assertThat(get(front, "/u/x/y").body()).isEqualTo("greeting /u|/x/y");
    }

    @Test
    void mountsAnHttpBackendUnderAPrefix() throws Exception {
        RunningServer back = servers.serve("--app", GREETING, "--http", "127.0.0.1:0");
        int port = back.server().addresses().getFirst().port();
        RunningServer front = servers.serve("--http", "127.0.0.1:0", "--mount", "/api=http://127.0.0.1:" + port + "/v1");
        HttpResponse<String> response = get(front, "/api/items");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("greeting |/v1/items");
    }

    @Test
    void aBackendThatIsDownIs502() throws Exception {
        RunningServer back = servers.serve("--app", GREETING, "--scgi", "127.0.0.1:0");
        int port = back.scgi().addresses().getFirst().port();
        back.stop();
        RunningServer front = servers.serve("--http", "127.0.0.1:0", "--mount", "/s=scgi://127.0.0.1:" + port, "--mount", "/u=uwsgi://127.0.0.1:" + port);
        assertThat(get(front, "/s/x").statusCode()).isEqualTo(502);
        assertThat(get(front, "/u/x").statusCode()).isEqualTo(502);
    }

    @Test
    void badBackendSpecsAreStartupErrorsNamingTheForm() {
        assertThatThrownBy(() -> servers.serve("--http", "127.0.0.1:0", "--mount", "/s=scgi://nohost"))
                .isInstanceOf(StartupException.class).hasMessageContaining("scgi://nohost");
        assertThatThrownBy(() -> servers.serve("--http", "127.0.0.1:0", "--mount", "/u=uwsgi:/relative"))
                .isInstanceOf(StartupException.class).hasMessageContaining("uwsgi:/relative");
        assertThatThrownBy(() -> servers.serve("--http", "127.0.0.1:0", "--mount", "/h=http://"))
                .isInstanceOf(StartupException.class).hasMessageContaining("http://");
    }

    @Test
    void mountsStaticFilesWithOptions(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("a.txt"), "static text\n");
        java.nio.file.Files.createDirectories(dir.resolve("sub"));
        java.nio.file.Files.writeString(dir.resolve("sub/b.txt"), "b\n");
        RunningServer front = servers.serve("--http", "127.0.0.1:0", "--mount", "/static=files:" + dir + "?listing=on&cache=max-age%3D60");
        HttpResponse<String> file = get(front, "/static/a.txt");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("static text\n");
        assertThat(file.headers().firstValue("Cache-Control")).hasValue("max-age=60");
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(get(front, "/static/sub/").body()).contains("b.txt");
        assertThat(get(front, "/static/missing.txt").statusCode()).isEqualTo(404);
    }

    @Test
    void badFilesMountsAreStartupErrors(@TempDir Path dir) {
        assertThatThrownBy(() -> servers.serve("--http", "127.0.0.1:0", "--mount", "/s=files:" + dir.resolve("nope")))
                .isInstanceOf(StartupException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> servers.serve("--http", "127.0.0.1:0", "--mount", "/s=files:" + dir + "?listing=maybe"))
                .isInstanceOf(StartupException.class).hasMessageContaining("listing must be on or off");
        assertThatThrownBy(() -> servers.serve("--http", "127.0.0.1:0", "--mount", "/s=files:" + dir + "?colour=red"))
                .isInstanceOf(StartupException.class).hasMessageContaining("unknown option 'colour'");
    }

    @Test
    void startsAndSupervisesAPhpCgiBackend(@TempDir Path dir) throws Exception {
        dev.gatehouse.testkit.peers.PeerProcess.require(Path.of("/usr/bin/php-cgi"), "apt-get install php-cgi");
        java.nio.file.Files.writeString(dir.resolve("hi.php"), "<?php header('Content-Type: text/plain'); echo 'php says hi from ', getmypid() > 0 ? 'a process' : '?';");
        RunningServer front = servers.serve("--http", "127.0.0.1:0", "--mount", "/php=fastcgi+spawn:php-cgi?root=" + dir + "&processes=1");
        HttpResponse<String> r = get(front, "/php/hi.php");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("php says hi from a process");
    }

    @Test
    void aSpawnedBackendThatCannotStartIsAStartupError() {
        assertThatThrownBy(() -> servers.serve("--http", "127.0.0.1:0", "--mount", "/x=fastcgi+spawn:/nonexistent/backend?processes=1"))
                .isInstanceOf(StartupException.class).hasMessageContaining("/nonexistent/backend");
    }

    @Test
    void theDemoSiteTakesItsGatewayTour() throws Exception {
        RunningServer demo = servers.serve("--http", "127.0.0.1:0");
        String index = get(demo, "/").body();
        assertThat(index).contains("href=\"/static/\"", "href=\"/via/fastcgi/environ?q=1\"", "href=\"/via/scgi/environ?q=1\"",
                "href=\"/via/uwsgi/environ?q=1\"");
        assertThat(get(demo, "/static/").body()).contains("<h1>Static files</h1>");
        HttpResponse<byte[]> css = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.server().addresses().getFirst().port()
                + "/static/style.css")).header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(css.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(css.body())).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)).contains("font-family");
        for (String via : List.of("/via/fastcgi", "/via/scgi", "/via/uwsgi")) {
            assertThat(get(demo, via + "/hello").body()).as(via).isEqualTo("Hello, world!\n");
            assertThat(get(demo, via + "/environ?q=1").body()).as(via).contains("\"SCRIPT_NAME\": \"" + via + "/environ\"", "\"QUERY_STRING\": \"q=1\"");
            assertThat(get(demo, via + "/").body()).as("links below " + via + " stay below it").contains("href=\"" + via + "/hello\"");
        }
    }
}
