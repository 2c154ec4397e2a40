package dev.gatehouse.middleware.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StaticFiles} as curl sees it: {@code -r}, {@code --compressed}, {@code -z}, {@code -C -}. */
class StaticFilesCurlTest {
    private static final long CURL_BOUND_SECONDS = 60;
    private static final long MTIME = 1_700_000_000L;
    private static final String CSS = "body { color: #333; }\n".repeat(200);

    @TempDir
    Path tmp;
    Path root;
    private FilesServer server;

    private record CurlRun(int exitCode, int status, byte[] body, String head, String stderr) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void curlIsInstalled() throws InterruptedException {
        assumeTrue(curlWorks(), "curl is not installed (apt-get install curl); skipping the curl checks");
    }

    @BeforeEach
    void start() throws IOException {
        root = Files.createDirectories(tmp.resolve("www"));
        Files.writeString(root.resolve("hello.txt"), "hello, world\n");
        Files.writeString(root.resolve("style.css"), CSS);
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(root.resolve("style.css.gz")))) {
            gz.write(CSS.getBytes(StandardCharsets.UTF_8));
        }
        for (String name : List.of("hello.txt", "style.css", "style.css.gz")) {
            Files.setLastModifiedTime(root.resolve(name), FileTime.fromMillis(MTIME * 1000));
        }
        server = new FilesServer(StaticFiles.of(root));
    }

    @AfterEach
    void stop() {
        server.close();
        assertThat(server.violations()).isEmpty();
    }

    @Test
    void aRangeIsAPartialTransfer() throws Exception {
        CurlRun run = curl("-r", "0-4", server.url("/hello.txt"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.status()).isEqualTo(206);
        assertThat(run.bodyText()).isEqualTo("hello");
        assertThat(run.head()).containsIgnoringCase("content-range: bytes 0-4/13");
    }

    @Test
    void aDownloadResumesWhereItStopped() throws Exception {
        Path partial = tmp.resolve("partial.txt");
        Files.writeString(partial, "hello, ");
        CurlRun run = curlTo(partial, "-C", "-", server.url("/hello.txt"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.status()).isEqualTo(206);
        assertThat(Files.readString(partial)).isEqualTo("hello, world\n");
    }

    @Test
    void compressedFetchesThePrecompressedSiblingAndDecodesIt() throws Exception {
        CurlRun run = curl("--compressed", server.url("/style.css"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.head()).containsIgnoringCase("content-encoding: gzip").containsIgnoringCase("vary: accept-encoding");
        assertThat(run.bodyText()).isEqualTo(CSS);
    }

    @Test
    void timeConditionsAnswer304OrTheFile() throws Exception {
        CurlRun notModified = curl("-z", HttpDates.format(MTIME), server.url("/hello.txt"));
        assertThat(notModified.exitCode()).as(notModified.stderr()).isZero();
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();

        CurlRun newer = curl("-z", HttpDates.format(MTIME - 60), server.url("/hello.txt"));
        assertThat(newer.status()).isEqualTo(200);
        assertThat(newer.bodyText()).isEqualTo("hello, world\n");

        CurlRun sameFile = curl("-z", root.resolve("hello.txt").toString(), server.url("/hello.txt"));
        assertThat(sameFile.status()).as("-z FILE sends the file's own mtime").isEqualTo(304);

        CurlRun unmodified = curl("-z", "-" + HttpDates.format(MTIME - 60), server.url("/hello.txt"));
        assertThat(unmodified.status()).as("-z -DATE is If-Unmodified-Since").isEqualTo(412);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private CurlRun curl(String... args) throws Exception {
        return curlTo(Files.createTempFile(tmp, "body-", ".out"), args);
    }

    /** Runs curl over HTTP/1.1, the body to {@code output}, bounded in time (a bound, not an assertion). */
    private CurlRun curlTo(Path output, String... args) throws Exception {
        Path head = Files.createTempFile(tmp, "head-", ".out");
        Path err = Files.createTempFile(tmp, "stderr-", ".out");
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--http1.1", "--max-time", "30",
                "--output", output.toString(), "--dump-header", head.toString(), "--write-out", "%{http_code}"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            process.getInputStream().transferTo(out);
            if (!process.waitFor(CURL_BOUND_SECONDS, TimeUnit.SECONDS)) fail("curl did not finish: " + command);
        } finally {
            process.destroyForcibly();
        }
        String code = out.toString(StandardCharsets.US_ASCII).strip();
        return new CurlRun(process.exitValue(), code.isEmpty() ? -1 : Integer.parseInt(code), Files.readAllBytes(output),
                Files.readString(head, StandardCharsets.ISO_8859_1), Files.readString(err));
    }

    private static boolean curlWorks() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("curl", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            } finally {
                p.destroyForcibly();
            }
        } catch (IOException notInstalled) {
            return false;
        }
    }
}
