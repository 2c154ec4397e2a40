package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.web.session.Session;
import dev.gatehouse.web.session.Sessions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writer holds open is closed also when starting the response fails (here: a session too large for its cookie). */
class ResponseWriterTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    /** Fills the session past the 4 KiB a cookie may hold, so that saving it at start_response throws. */
    private static void overfill(Request req) {
        Session.of(req.environ()).put("big", "x".repeat(5000));
    }

    @Test
    void aFileWhoseHeadCannotStartIsClosed() throws Exception {
        Path report = Files.writeString(dir.resolve("report.txt"), "report");
        WebApp app = new WebApp().get("/file", req -> {
            overfill(req);
            return report;
        });
        try (LiveServer server = new LiveServer(Sessions.signedCookies(KEY).wrap(app))) {
            HttpResponse<String> r = server.get("/file");
            assertThat(r.statusCode()).isEqualTo(500);
        }
        assertThat(openFiles()).as("no descriptor of this process is left on the file").doesNotContain(report.toRealPath());
    }

    @Test
    void aStreamWhoseHeadCannotStartIsClosed() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        WebApp app = new WebApp().get("/stream", req -> {
            overfill(req);
            return new ByteArrayInputStream(new byte[] {1, 2, 3}) {
                @Override
                public void close() {
                    closed.set(true);
                }
            };
        });
        try (LiveServer server = new LiveServer(Sessions.signedCookies(KEY).wrap(app))) {
            assertThat(server.get("/stream").statusCode()).isEqualTo(500);
        }
        assertThat(closed).isTrue();
    }

    /** The files this process has open, from /proc/self/fd. */
    private static java.util.List<Path> openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd);
                } catch (IOException gone) {
                    return fd; // closed while listing
                }
            }).toList();
        }
    }
}
