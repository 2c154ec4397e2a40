package dev.gatehouse.http1.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.testkit.FixtureApps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as the real curl sees it. Without curl these tests skip (and fail when CI=true, where
 * a missing peer is an error).
 */
class Http1CurlTest {
    private static final long CURL_BOUND_SECONDS = 60;
    private static final String WRITE_OUT = "%{http_code} %{num_connects}\n";

    private final List<Http1Server> servers = new ArrayList<>();

    @TempDir
    Path tempDir;

    /** What one curl run produced: its exit code, the -w output, the body, the response head and the -v trace. */
    record CurlRun(int exitCode, String writeOut, byte[] body, String head, String stderr) {
        int status() {
            return Integer.parseInt(writeOut.strip().split("\\s+")[0]);
        }
    }

    @BeforeAll
    static void requireCurl() throws Exception {
        if (curlWorks()) return;
        if ("true".equals(System.getenv("CI"))) fail("curl is required when CI=true: apt-get install curl");
        Assumptions.abort("curl not found; apt-get install curl to run these tests");
    }

    @AfterEach
    void stopServers() {
        servers.forEach(Http1Server::shutdown);
    }

    @Test
    void getReturnsStatusHeadersAndBody() throws Exception {
        CurlRun run = curl(startTcp(FixtureApps.hello()) + "/");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.status()).isEqualTo(200);
        assertThat(new String(run.body(), StandardCharsets.UTF_8)).isEqualTo(FixtureApps.HELLO);
        assertThat(run.head()).containsIgnoringCase("Content-Length: 14");
    }

    @Test
    void headReturnsHeadersOnly() throws Exception {
        CurlRun run = curl("--head", startTcp(FixtureApps.hello()) + "/");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.head()).containsIgnoringCase("Content-Length: 14");
        // with --head curl writes the head where the body would go; a body sent anyway would follow it
        assertThat(new String(run.body(), StandardCharsets.ISO_8859_1)).isEqualTo(run.head()).doesNotContain("Hello");
    }

    @Test
    void streamedResponseIsChunked() throws Exception {
        CurlRun run = curl(startTcp(FixtureApps.streamed()) + "/");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.head()).containsIgnoringCase("Transfer-Encoding: chunked");
        assertThat(new String(run.body(), StandardCharsets.UTF_8)).isEqualTo(FixtureApps.STREAMED_TEXT);
    }

    @Test
    void http10ResponseWithoutLengthEndsWithTheConnection() throws Exception {
        CurlRun run = curl("--http1.0", startTcp(FixtureApps.streamed()) + "/");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.head()).doesNotContainIgnoringCase("Transfer-Encoding");
        assertThat(new String(run.body(), StandardCharsets.UTF_8)).isEqualTo(FixtureApps.STREAMED_TEXT);
    }

    @Test
    void largeDownloadArrivesWhole() throws Exception {
        CurlRun run = curl(startTcp(FixtureApps.largeBody()) + "/");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.body()).isEqualTo(FixtureApps.largeBodyContent());
    }

    @Test
    void uploadWithContentLengthIsEchoed() throws Exception {
        Path upload = writeUpload(1_000_003);
        CurlRun run = curl("--data-binary", "@" + upload, "-H", "Content-Type: application/octet-stream",
                startTcp(FixtureApps.echoBody()) + "/");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.body()).isEqualTo(Files.readAllBytes(upload));
    }

    @Test
    void chunkedUploadIsEchoed() throws Exception {
        Path upload = writeUpload(300_007);
        CurlRun run = curl("--data-binary", "@" + upload, "-H", "Transfer-Encoding: chunked",
                startTcp(FixtureApps.echoBody()) + "/");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).containsIgnoringCase("Transfer-Encoding: chunked"); // curl really sent it chunked
        assertThat(run.body()).isEqualTo(Files.readAllBytes(upload));
    }

    @Test
    void expectContinueGetsA100BeforeTheBodyIsSent() throws Exception {
        Path upload = writeUpload(50_000);
        CurlRun run = curl("--data-binary", "@" + upload, "-H", "Expect: 100-continue",
                startTcp(FixtureApps.echoBody()) + "/");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("HTTP/1.1 100 Continue");
        assertThat(run.body()).isEqualTo(Files.readAllBytes(upload));
    }

    @Test
    void keepAliveConnectionIsReusedForASecondUrl() throws Exception {
        String base = startTcp(FixtureApps.pathEcho());
        CurlRun run = curl("-o", "/dev/null", base + "/first", base + "/second");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.writeOut().lines().toList()).as("status and new connections per URL").containsExactly("200 1", "200 0");
    }

    @Test
    void unixSocketServesCurl() throws Exception {
        Path socket = tempDir.resolve("curl.sock");
        Http1Server server = new Http1Server(FixtureApps.pathEcho(), Http1Config.defaults()).listen(ListenAddress.unix(socket)).start();
        servers.add(server);
        CurlRun run = curl("--unix-socket", socket.toString(), "http://localhost/over/unix");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(new String(run.body(), StandardCharsets.UTF_8)).isEqualTo("/over/unix");
    }

    @Test
    void percentEncodedPathArrivesDecoded() throws Exception {
        CurlRun run = curl(startTcp(FixtureApps.pathEcho()) + "/caf%C3%A9/a%20b");
        assertThat(new String(run.body(), StandardCharsets.UTF_8)).isEqualTo("/café/a b");
    }

    @Test
    void exceptionBeforeTheHeadIsA500() throws Exception {
        CurlRun run = curl(startTcp(FixtureApps.raisesBeforeHead()) + "/");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.status()).isEqualTo(500);
    }

    @Test
    void bodyShorterThanItsLengthMakesCurlReportAPartialTransfer() throws Exception {
        CurlRun run = curl(startTcp(FixtureApps.shortBody()) + "/");
        assertThat(run.exitCode()).as("curl's CURLE_PARTIAL_FILE; " + run.stderr()).isEqualTo(18);
    }

    @Test
    void exceptionAfterTheHeadMakesCurlReportAPartialTransfer() throws Exception {
        CurlRun run = curl(startTcp(FixtureApps.raisesAfterHead()) + "/");
        assertThat(run.exitCode()).as("curl's CURLE_PARTIAL_FILE; " + run.stderr()).isEqualTo(18);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private String startTcp(Application app) throws IOException {
        Http1Server server = new Http1Server(app, Http1Config.defaults()).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        servers.add(server);
        return "http://127.0.0.1:" + server.addresses().getFirst().port();
    }

    private Path writeUpload(int size) throws IOException {
        Path file = Files.createTempFile(tempDir, "upload-", ".bin");
        Files.write(file, FixtureApps.pattern(size));
        return file;
    }

    /** Runs curl with the common options (HTTP/1.1, verbose trace, head and body to files), bounded in time. */
    private CurlRun curl(String... args) throws Exception {
        Path body = Files.createTempFile(tempDir, "body-", ".out");
        Path head = Files.createTempFile(tempDir, "head-", ".out");
        Path out = Files.createTempFile(tempDir, "stdout-", ".out");
        Path err = Files.createTempFile(tempDir, "stderr-", ".out");
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--verbose",
                "--max-time", "30", "--http1.1", "--output", body.toString(), "--dump-header", head.toString(),
                "--write-out", WRITE_OUT));
        if (List.of(args).contains("--http1.0")) command.remove("--http1.1");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(CURL_BOUND_SECONDS, TimeUnit.SECONDS)) {
                fail("curl did not finish within " + CURL_BOUND_SECONDS + " s: " + command);
            }
        } finally {
            process.destroyForcibly();
        }
        return new CurlRun(process.exitValue(), Files.readString(out), Files.readAllBytes(body), Files.readString(head),
                Files.readString(err, StandardCharsets.ISO_8859_1));
    }

    private static boolean curlWorks() throws InterruptedException {
        try {
            Process process = new ProcessBuilder("curl", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
            } finally {
                process.destroyForcibly();
            }
        } catch (IOException notInstalled) {
            return false;
        }
    }
}
