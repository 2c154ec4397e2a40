package dev.gatehouse.cgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.RawResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every request the {@code cgi:} mount refuses before running anything, and what it keeps from
 * scripts: traversal, links out of the directory, missing, non-executable and directory paths;
 * httpoxy, credentials and the server's own environment.
 */
class CgiProxyAppRefusalTest {
    @TempDir
    Path dir;
    private Path bin;
    private Path outside;
    private CgiFront front;

    @BeforeEach
    void start() throws Exception {
        bin = CgiScripts.install(dir);
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.copy(bin.resolve("marker.sh"), outside.resolve("marker.sh"));
        Files.createDirectories(bin.resolve("sub"));
        Files.copy(bin.resolve("marker.sh"), bin.resolve("sub/marker.sh"));
        Files.createSymbolicLink(bin.resolve("escape.sh"), outside.resolve("marker.sh"));
        Files.createSymbolicLink(bin.resolve("outdir"), outside);
        Files.createSymbolicLink(bin.resolve("alias.sh"), bin.resolve("env.sh"));
        Files.createSymbolicLink(bin.resolve("subalias"), bin.resolve("sub"));
        front = CgiFront.start(CgiTarget.of(bin), CgiClientConfig.defaults());
    }

    @AfterEach
    void stop() {
        front.close();
    }

    private Path marker(String name) {
        return dir.resolve(name);
    }

    @Test
    void refusesDotDotSegmentsPlainAndPercentEncoded() throws Exception {
        for (String path : new String[] {"/cgi-bin/sub/../marker.sh", "/cgi-bin/%2e%2e/cgi-bin/marker.sh", "/cgi-bin/sub/%2E%2E/marker.sh",
                "/cgi-bin/sub/.%2e/marker.sh", "/cgi-bin/./marker.sh", "/cgi-bin/%2e/marker.sh"}) {
            RawResponse r = front.get(path + "?" + marker("dots"));
            assertThat(r.status()).as(path).isIn(400, 403);
        }
        assertThat(marker("dots")).doesNotExist();
    }

    @Test
    void refusesDotSegmentsInThePathInfoToo() throws Exception {
        // PATH_TRANSLATED is formed from it: /cgi-bin/env.sh/../../etc/passwd must not become DOCUMENT_ROOT/../../etc/passwd
        assertThat(front.get("/cgi-bin/env.sh/%2e%2e/%2e%2e/etc/passwd").status()).isEqualTo(403);
        assertThat(front.get("/cgi-bin/env.sh/a/./b").status()).isEqualTo(403);
        assertThat(front.get("/cgi-bin/env.sh/a/b..c/.d").status()).isEqualTo(200);
    }

    @Test
    void refusesSymbolicLinksOutOfTheDirectory() throws Exception {
        assertThat(front.get("/cgi-bin/escape.sh?" + marker("escape")).status()).isEqualTo(403);
        assertThat(front.get("/cgi-bin/outdir/marker.sh?" + marker("outdir")).status()).isEqualTo(403);
        assertThat(marker("escape")).doesNotExist();
        assertThat(marker("outdir")).doesNotExist();
    }

    @Test
    void followsSymbolicLinksThatStayInside() throws Exception {
        RawResponse r = front.get("/cgi-bin/alias.sh/x");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Script-Name")).isEqualTo("/cgi-bin/alias.sh");
        assertThat(front.get("/cgi-bin/subalias/marker.sh?" + marker("subalias")).status()).isEqualTo(200);
        assertThat(marker("subalias")).exists();
    }

    @Test
    void answersMissingScriptsWith404() throws Exception {
        assertThat(front.get("/cgi-bin/nope.sh").status()).isEqualTo(404);
        assertThat(front.get("/cgi-bin/nope/env.sh").status()).isEqualTo(404);
        assertThat(front.get("/cgi-bin/sub/nope.sh/more").status()).isEqualTo(404);
    }

    @Test
    void refusesNonExecutableScriptsAndDirectoriesWith403() throws Exception {
        RawResponse r = front.get("/cgi-bin/" + CgiScripts.NOT_EXECUTABLE);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.bodyText()).doesNotContain("should never run");
        assertThat(front.get("/cgi-bin/").status()).isEqualTo(403);
        assertThat(front.get("/cgi-bin/sub/").status()).isEqualTo(403);
        assertThat(front.get("/cgi-bin/sub").status()).isEqualTo(403);
        assertThat(front.get("/cgi-bin//env.sh").status()).isEqualTo(403);
    }

    @Test
    void logsEachRefusalWithTheRequestAndReason() throws Exception {
        String log = captureStderr(() -> {
            assertThat(front.get("/cgi-bin/nope.sh").status()).isEqualTo(404);
            assertThat(front.get("/cgi-bin/" + CgiScripts.NOT_EXECUTABLE).status()).isEqualTo(403);
            assertThat(front.get("/cgi-bin/escape.sh").status()).isEqualTo(403);
        });
        assertThat(log).contains("GET /cgi-bin/nope.sh", "(answered 404)", "not-exec.sh is not executable", "(answered 403)", "points outside the script directory");
    }

    @Test
    void neverPassesAProxyHeaderAsHttpProxy() throws Exception {
        RawResponse r = front.get("/cgi-bin/env.pl", "Proxy: http://evil.example:8080/", "X-Foo: bar");
        Map<String, String> env = CgiProxyAppTest.lines(r.bodyText());
        assertThat(env).doesNotContainKey("HTTP_PROXY").containsEntry("HTTP_X_FOO", "bar");
    }

    @Test
    void keepsCredentialsFromScriptsUnlessAskedTo() throws Exception {
        Map<String, String> env = CgiProxyAppTest.lines(front.get("/cgi-bin/env.pl", "Authorization: Basic dXNlcjpwYXNz",
                "Proxy-Authorization: Basic cHJveHk6cGFzcw==").bodyText());
        assertThat(env).doesNotContainKeys("HTTP_AUTHORIZATION", "HTTP_PROXY_AUTHORIZATION");
        try (CgiFront passing = CgiFront.start(CgiTarget.parse("cgi:" + bin + "?auth=pass"), CgiClientConfig.defaults())) {
            Map<String, String> passed = CgiProxyAppTest.lines(passing.get("/cgi-bin/env.pl", "Authorization: Basic dXNlcjpwYXNz",
                    "Proxy-Authorization: Basic cHJveHk6cGFzcw==").bodyText());
            assertThat(passed).containsEntry("HTTP_AUTHORIZATION", "Basic dXNlcjpwYXNz").doesNotContainKey("HTTP_PROXY_AUTHORIZATION");
        }
    }

    @Test
    void givesScriptsACleanEnvironmentWithASafePath() throws Exception {
        Map<String, String> env = CgiProxyAppTest.lines(front.get("/cgi-bin/env.pl").bodyText());
        assertThat(env).containsEntry("PATH", CgiClientConfig.DEFAULT_PATH);
        for (String name : System.getenv().keySet()) {
            if (!name.equals("PATH")) assertThat(env).as("the server's own " + name).doesNotContainKey(name);
        }
        assertThat(env.keySet()).allMatch(k -> k.matches("[A-Z0-9_]+"));
    }

    /** Runs {@code action} with System.err captured (slf4j-simple writes there) and returns what was written. */
    static String captureStderr(ThrowingRunnable action) throws Exception {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
