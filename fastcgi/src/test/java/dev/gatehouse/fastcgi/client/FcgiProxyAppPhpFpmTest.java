package dev.gatehouse.fastcgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.testkit.peers.PhpFpmLauncher;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code fastcgi://} mount in front of a real PHP-FPM, behind Gatehouse's own HTTP server.
 * No timed assertions: the slow script and the streaming script wait on a flag file, bounded.
 */
class FcgiProxyAppPhpFpmTest {
    private static final int CHILDREN = 2;

    @TempDir
    static Path dir;
    static Path root;
    static PhpFpmLauncher fpm;
    static FcgiProxyApp proxy;
    static GatehouseFront front;

    @BeforeAll
    static void startPhpFpm() throws Exception {
        PhpFpmLauncher.requireInstalled();
        root = Files.createDirectories(dir.resolve("www"));
        writeScripts(root);
        fpm = PhpFpmLauncher.start(dir.resolve("fpm"), false, CHILDREN, List.of("php_admin_value[output_buffering] = 0"));
        GatehouseFront.Root dispatcher = new GatehouseFront.Root();
        proxy = new FcgiProxyApp(FcgiTarget.parse(fpm.fastcgiTarget() + "?root=" + root),
                FcgiClientConfig.defaults().withMaxConnections(CHILDREN), dispatcher.app::get);
        front = GatehouseFront.start(dispatcher, Map.of("/php", proxy, "/plain", (env, sr) -> {
            sr.start(200, dev.gatehouse.api.Header.of("Content-Type", "text/plain"));
            return dev.gatehouse.api.Body.of("plain " + env.pathInfo() + "?" + env.queryString());
        }));
    }

    @AfterAll
    static void stop() {
        if (front != null) front.close();
        if (proxy != null) proxy.close();
        if (fpm != null) fpm.close();
    }

    static void writeScripts(Path root) throws Exception {
        Files.writeString(root.resolve("info.php"), "<?php header('Content-Type: application/json'); echo json_encode($_SERVER);");
        Files.writeString(root.resolve("echo.php"), "<?php header('Content-Type: application/octet-stream');"
                + " header('X-Length: ' . ($_SERVER['CONTENT_LENGTH'] ?? 'none')); echo file_get_contents('php://input');");
        Files.writeString(root.resolve("redirect.php"), "<?php header('Location: /plain/landed?from=php', true, 200);");
        Files.writeString(root.resolve("redirect-self.php"), "<?php header('Location: /php/redirect-self.php', true, 200);");
        Files.writeString(root.resolve("away.php"), "<?php header('Location: https://example.org/elsewhere');");
        Files.writeString(root.resolve("missing.php"), "<?php http_response_code(404); echo 'nope';");
        Files.writeString(root.resolve("pid.php"), "<?php echo getmypid();");
        Files.writeString(root.resolve("stderr.php"), "<?php error_log('marker-from-php-stderr'); echo 'ok';");
        // sends 20,000 'a's (more than Gatehouse's 16 KiB HTTP write buffer holds back), then waits
        // (bounded) for a flag file named by ?flag=
        Files.writeString(root.resolve("wait.php"), "<?php header('Content-Type: text/plain'); echo str_repeat('a', 20000); flush();"
                + " $f = $_GET['flag']; for ($i = 0; $i < 400 && !file_exists($f); $i++) { usleep(25000); clearstatcache(); }"
                + " echo file_exists($f) ? 'b' : 'gave-up';");
    }

    @Test
    void passesTheEnvironAsParamsTheWayNginxDoes() throws Exception {
        HttpResponse<String> r = front.get("/php/info.php/extra/path?q=1", "Proxy", "http://evil.example:1", "X-Custom", "yes");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        String json = r.body();
        assertThat(json).contains("\"SCRIPT_FILENAME\":\"" + (root + "/info.php").replace("/", "\\/") + "\"")
                .contains("\"SCRIPT_NAME\":\"\\/php\\/info.php\"")
                .contains("\"PATH_INFO\":\"\\/extra\\/path\"")
                .contains("\"DOCUMENT_ROOT\":\"" + root.toString().replace("/", "\\/") + "\"")
                .contains("\"REQUEST_URI\":\"\\/php\\/info.php\\/extra\\/path?q=1\"")
                .contains("\"QUERY_STRING\":\"q=1\"")
                .contains("\"GATEWAY_INTERFACE\":\"CGI\\/1.1\"")
                .contains("\"SERVER_SOFTWARE\":\"Gatehouse\"")
                .contains("\"HTTP_X_CUSTOM\":\"yes\"")
                .contains("\"REQUEST_METHOD\":\"GET\"")
                .doesNotContain("HTTP_PROXY").doesNotContain("evil.example");
    }

    @Test
    void postBodyStreamsToTheScriptAndBack() throws Exception {
        byte[] body = new byte[300_000];
        new Random(7).nextBytes(body);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        HttpResponse<byte[]> r = front.client().send(HttpRequest.newBuilder(URI.create(front.url("/php/echo.php")))
                .timeout(GatehouseFront.BOUND).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Length")).hasValue("300000");
        assertThat(new String(r.body(), StandardCharsets.ISO_8859_1)).isEqualTo(text);
    }

    @Test
    void chunkedPostGetsAContentLength() throws Exception {
        byte[] body = "chunked body bytes".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> r = front.client().send(HttpRequest.newBuilder(URI.create(front.url("/php/echo.php")))
                .timeout(GatehouseFront.BOUND).POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Length")).hasValue(Integer.toString(body.length));
        assertThat(r.body()).isEqualTo("chunked body bytes");
    }

    @Test
    void localRedirectIsServedInsideGatehouse() throws Exception {
        HttpResponse<String> r = front.get("/php/redirect.php");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("plain /landed?from=php");
        assertThat(r.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void localRedirectLoopEndsIn502() throws Exception {
        assertThat(front.get("/php/redirect-self.php").statusCode()).isEqualTo(502);
    }

    @Test
    void clientRedirectIs302() throws Exception {
        HttpResponse<String> r = front.get("/php/away.php");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("https://example.org/elsewhere");
    }

    @Test
    void scriptStatusIsPassedOn() throws Exception {
        HttpResponse<String> r = front.get("/php/missing.php");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("nope");
    }

    @Test
    void responseStreamsAsItArrives() throws Exception {
        Path flag = dir.resolve("flag-stream");
        HttpResponse<InputStream> r = front.client().send(HttpRequest.newBuilder(URI.create(front.url("/php/wait.php?flag=" + flag)))
                .timeout(GatehouseFront.BOUND).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            assertThat(in.read()).isEqualTo('a'); // arrives while the script still waits for the flag
            Files.writeString(flag, "go");
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("a".repeat(19_999) + "b");
        }
    }

    @Test
    void keptConnectionsAreReusedAndNeverMoreThanThePool() throws Exception {
        Set<String> pids = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> r = front.get("/php/pid.php");
            assertThat(r.statusCode()).isEqualTo(200);
            pids.add(r.body());
        }
        assertThat(proxy.pool().opened()).isLessThanOrEqualTo(CHILDREN);
        assertThat(pids).hasSizeLessThanOrEqualTo(CHILDREN);
    }

    @Test
    void stderrGoesToTheLog() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        HttpResponse<String> r;
        try {
            r = front.get("/php/stderr.php");
        } finally {
            System.setErr(original);
        }
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok");
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("FastCGI stderr for GET /php/stderr.php").contains("marker-from-php-stderr");
    }

    @Test
    void unsafePathIs404WithoutAskingTheBackend() throws Exception {
        assertThat(front.get("/php/%2e%2e/secret.php").statusCode()).isEqualTo(404);
    }

    @Test
    void slowScriptIs504() throws Exception {
        Path flag = dir.resolve("flag-never");
        Files.writeString(root.resolve("stall.php"), "<?php $f = $_GET['flag']; for ($i = 0; $i < 400 && !file_exists($f); $i++) { usleep(25000); clearstatcache(); } echo 'late';");
        try (FcgiProxyApp impatient = new FcgiProxyApp(proxy.target(), FcgiClientConfig.defaults().withMaxConnections(1)
                .withReadTimeout(Duration.ofMillis(300)));
             GatehouseFront slowFront = GatehouseFront.start(Map.<String, Application>of("/php", impatient))) {
            HttpResponse<String> r = slowFront.get("/php/stall.php?flag=" + flag);
            assertThat(r.statusCode()).isEqualTo(504);
        } finally {
            Files.writeString(flag, "release the worker");
        }
    }

    @Test
    void unixSocketBackendWorks() throws Exception {
        try (PhpFpmLauncher unixFpm = PhpFpmLauncher.start(dir.resolve("fpm-unix"), true, 1, List.of());
             FcgiProxyApp viaUnix = new FcgiProxyApp(FcgiTarget.parse(unixFpm.fastcgiTarget() + "?root=" + root), FcgiClientConfig.defaults().withMaxConnections(1));
             GatehouseFront unixFront = GatehouseFront.start(Map.<String, Application>of("/php", viaUnix))) {
            HttpResponse<String> r = unixFront.get("/php/missing.php");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).isEqualTo("nope");
        }
    }
}
