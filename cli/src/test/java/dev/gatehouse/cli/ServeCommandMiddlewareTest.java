package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The middleware options of {@code serve}, each tried over a real connection. */
class ServeCommandMiddlewareTest {
    @RegisterExtension
    final ServedCommands servers = new ServedCommands();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @AfterEach
    void stop() {
        client.close();
    }

    private HttpResponse<byte[]> get(RunningServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server().addresses().getFirst().port() + path))
                .timeout(Duration.ofSeconds(30));
        if (headers.length > 0) request.headers(headers);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void gzipCompressesTheDemoPages() throws Exception {
        RunningServer demo = servers.serve("--http", "127.0.0.1:0", "--gzip");
        HttpResponse<byte[]> r = get(demo, "/stream?chunks=4&size=512", "Accept-Encoding", "gzip");
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] plain = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body())).readAllBytes();
        assertThat(plain).hasSize(4 * 512);
        HttpResponse<byte[]> small = get(demo, "/hello", "Accept-Encoding", "gzip");
        assertThat(small.headers().firstValue("Content-Encoding")).as("under 1 KiB: sent as it is").isEmpty();
    }

    @Test
    void basicAuthGuardsTheSite(@TempDir Path dir) throws Exception {
        String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest("secret".getBytes(StandardCharsets.UTF_8)));
        Path htpasswd = Files.writeString(dir.resolve("htpasswd"), "alice:{SHA}" + sha + "\n");
        RunningServer site = servers.serve("--http", "127.0.0.1:0", "--basic-auth", htpasswd.toString());
        HttpResponse<byte[]> denied = get(site, "/hello");
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
        String credentials = Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> allowed = get(site, "/environ", "Authorization", "Basic " + credentials);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(new String(allowed.body(), StandardCharsets.UTF_8)).contains("\"REMOTE_USER\": \"alice\"");
    }

    @Test
    void aTrustedProxySetsTheClientAddressAndTheLogShowsIt(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.log");
        RunningServer site = servers.serve("--http", "127.0.0.1:0", "--trusted-proxy", "127.0.0.1/32", "--access-log", log.toString(),
                "--access-log-format", "$remote_addr $status");
        HttpResponse<byte[]> r = get(site, "/environ", "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"REMOTE_ADDR\": \"203.0.113.7\"", "\"gateway.url_scheme\": \"https\"");
        site.stop();
        assertThat(Files.readAllLines(log)).contains("203.0.113.7 200");
    }

    @Test
    void badMiddlewareOptionsAreStartupErrors(@TempDir Path dir) {
        assertThatThrownBy(() -> servers.serve("--http", "127.0.0.1:0", "--basic-auth", dir.resolve("missing").toString()))
                .isInstanceOf(StartupException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> servers.serve("--http", "127.0.0.1:0", "--trusted-proxy", "not-an-address"))
                .isInstanceOf(StartupException.class).hasMessageContaining("not-an-address");
        assertThatThrownBy(() -> servers.serve("--http", "127.0.0.1:0", "--access-log", "-", "--access-log-format", "$no_such_variable"))
                .isInstanceOf(StartupException.class).hasMessageContaining("no_such_variable");
    }
}
