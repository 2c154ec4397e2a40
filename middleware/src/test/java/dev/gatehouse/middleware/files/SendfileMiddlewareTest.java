package dev.gatehouse.middleware.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.FileBody;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.core.Validator;
import dev.gatehouse.testkit.RawResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SendfileMiddleware} in front of a back-end app (itself inside a Validator), behind
 * Http1Server and an outer Validator. The app is driven by request headers: {@code X-Test-Accel}
 * and {@code X-Test-Sendfile} become its X-Accel-Redirect and X-Sendfile, {@code X-Test-Type} its
 * Content-Type, {@code X-Test-Lazy} makes it call start from inside its body.
 */
class SendfileMiddlewareTest {
    private static final long MTIME = 1_700_000_000L;
    private static final byte[] PDF = "%PDF-1.7 not really a pdf\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;
    Path protectedDir;
    Path downloads;
    private final List<FilesServer> servers = new ArrayList<>();

    @BeforeEach
    void files() throws IOException {
        protectedDir = Files.createDirectories(tmp.resolve("protected"));
        downloads = Files.createDirectories(tmp.resolve("downloads"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "top secret");
        Files.write(protectedDir.resolve("report.pdf"), PDF);
        Files.writeString(protectedDir.resolve("my file.txt"), "spaced");
        Files.writeString(protectedDir.resolve(".htpasswd"), "user:hash");
        Files.createDirectories(protectedDir.resolve("sub"));
        Files.createSymbolicLink(protectedDir.resolve("escape"), outside.resolve("secret.txt"));
        Files.writeString(downloads.resolve("data.txt"), "0123456789");
        if (FileNames.utf8()) Files.writeString(downloads.resolve("caf\u00e9.txt"), "accent");
        Files.setLastModifiedTime(protectedDir.resolve("report.pdf"), FileTime.fromMillis(MTIME * 1000));
    }

    @AfterEach
    void stop() {
        for (FilesServer s : servers) {
            s.close();
            assertThat(s.violations()).as("gateway contract breaches").isEmpty();
        }
    }

    private FilesServer serve(SendfileConfig config, Application backend) throws IOException {
        FilesServer s = new FilesServer(SendfileMiddleware.of(config).wrap(Validator.validate(backend)));
        servers.add(s);
        return s;
    }

    private FilesServer serve() throws IOException {
        return serve(config(), BACKEND);
    }

    private SendfileConfig config() {
        return SendfileConfig.defaults().withAccelLocation("/protected/", protectedDir).withSendfileRoot(downloads);
    }

    /** A back end in the style of a PHP download script. */
    static final Application BACKEND = (environ, start) -> {
        List<Header> headers = new ArrayList<>();
        String accel = environ.header("X-Test-Accel");
        String sendfile = environ.header("X-Test-Sendfile");
        if (accel != null) headers.add(Header.of("X-Accel-Redirect", accel));
        if (sendfile != null) headers.add(Header.of("X-Sendfile", sendfile));
        headers.add(Header.of("Content-Disposition", "attachment; filename=\"report.pdf\""));
        headers.add(Header.of("Set-Cookie", "downloaded=1"));
        headers.add(Header.of("X-App", "yes"));
        headers.add(Header.of("ETag", "\"from-the-app\""));
        headers.add(Header.of("X-Accel-Buffering", "no"));
        byte[] junk = "the app's own body, never to be seen\n".getBytes(StandardCharsets.US_ASCII);
        String type = environ.header("X-Test-Type");
        if (accel == null && sendfile == null) type = "text/plain";
        if (type != null) {
            headers.add(Header.of("Content-Type", type));
            headers.add(Header.of("Content-Length", Integer.toString(junk.length)));
        } else {
            junk = new byte[0];
            headers.add(Header.of("Content-Length", "0"));
        }
        byte[] body = junk;
        if (environ.header("X-Test-Lazy") != null) {
            return new Body() {
                boolean started;

                @Override
                public byte[] next() {
                    if (started) return null;
                    started = true;
                    start.start(Status.OK, headers);
                    return body;
                }
            };
        }
        start.start(Status.OK, headers);
        return Body.of(body);
    };

    @Test
    void xAccelRedirectServesTheFileWithTheAppsOtherHeaders() throws IOException {
        RawResponse r = serve().get("/download", "X-Test-Accel: /protected/report.pdf");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(PDF);
        assertThat(r.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(PDF.length));
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"report.pdf\"");
        assertThat(r.header("Set-Cookie")).isEqualTo("downloaded=1");
        assertThat(r.header("X-App")).isEqualTo("yes");
        assertThat(r.header("ETag")).isEqualTo("\"" + Long.toHexString(MTIME) + "-" + Long.toHexString(PDF.length) + "\"");
        assertThat(r.header("Last-Modified")).isEqualTo(HttpDates.format(MTIME));
        assertThat(r.header("X-Accel-Redirect")).isNull();
        assertThat(r.header("X-Accel-Buffering")).isNull();
        assertThat(r.headerValues("ETag")).hasSize(1);
    }

    @Test
    void theAppsContentTypeWinsOverTheMimeTable() throws IOException {
        RawResponse r = serve().get("/download", "X-Test-Accel: /protected/report.pdf", "X-Test-Type: application/x-report");
        assertThat(r.header("Content-Type")).isEqualTo("application/x-report");
        assertThat(r.body()).isEqualTo(PDF);
    }

    @Test
    void theRedirectIsADecodedUriWhoseQueryIsDropped() throws IOException {
        RawResponse r = serve().get("/download", "X-Test-Accel: /protected/my%20file.txt?token=abc");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo("spaced");
    }

    @Test
    void rangesAndConditionalsApplyToTheFile() throws IOException {
        FilesServer s = serve();
        RawResponse range = s.get("/download", "X-Test-Accel: /protected/report.pdf", "Range: bytes=0-3");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.bodyText()).isEqualTo("%PDF");
        assertThat(range.header("Content-Range")).isEqualTo("bytes 0-3/" + PDF.length);
        String etag = s.get("/download", "X-Test-Accel: /protected/report.pdf").header("ETag");
        RawResponse notModified = s.get("/download", "X-Test-Accel: /protected/report.pdf", "If-None-Match: " + etag);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("Set-Cookie")).isEqualTo("downloaded=1");
    }

    @Test
    void anyMethodButHeadIsServedAsGet() throws IOException {
        FilesServer s = serve();
        RawResponse post = s.requestWithBody("POST", "/download", "abc", "X-Test-Accel: /protected/report.pdf",
                "Range: bytes=1-3", "Content-Type: text/plain");
        assertThat(post.status()).isEqualTo(206);
        assertThat(post.bodyText()).isEqualTo("PDF");
        RawResponse head = s.request("HEAD", "/download", "X-Test-Accel: /protected/report.pdf");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(PDF.length));
    }

    @Test
    void xSendfileServesAnAbsolutePathUnderARoot() throws IOException {
        FilesServer s = serve();
        assertThat(s.get("/d", "X-Test-Sendfile: " + downloads.resolve("data.txt")).bodyText()).isEqualTo("0123456789");
        assumeTrue(FileNames.utf8(), FileNames.NO_UTF8);
        String encoded = downloads.toRealPath() + "/caf%C3%A9.txt";
        RawResponse r = s.get("/d", "X-Test-Sendfile: " + encoded);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo("accent");
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void xSendfileOutsideTheRootsIsRefusedAndLogged() throws IOException {
        FilesServer s = serve();
        try (LogCapture log = new LogCapture()) {
            RawResponse r = s.get("/d", "X-Test-Sendfile: /etc/passwd");
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.bodyText()).doesNotContain("root:");
            assertThat(log.text()).contains("refused X-Sendfile \"/etc/passwd\" for GET \"/d\" from 127.0.0.1")
                    .contains("outside the allowed roots");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/protected/../outside/secret.txt", "/protected/%2e%2e/outside/secret.txt", "/protected/escape",
            "/protected/sub/..%5c..%5coutside%5csecret.txt", "/protected/a%00b"})
    void anAccelRedirectThatClimbsOutIs403(String uri) throws IOException {
        RawResponse r = serve().get("/download", "X-Test-Accel: " + uri);
        assertThat(r.status()).as(uri).isEqualTo(403);
        assertThat(r.bodyText()).doesNotContain("top secret");
    }

    @Test
    void anXSendfileThatClimbsOutIs403() throws IOException {
        FilesServer s = serve();
        assertThat(s.get("/d", "X-Test-Sendfile: " + downloads + "/../outside/secret.txt").status()).isEqualTo(403);
        assertThat(s.get("/d", "X-Test-Sendfile: " + downloads + "/%2e%2e/outside/secret.txt").status()).isEqualTo(403);
    }

    @Test
    void aRedirectTheConfigurationCannotPlaceIs500AndLogged() throws IOException {
        FilesServer s = serve();
        try (LogCapture log = new LogCapture()) {
            assertThat(s.get("/download", "X-Test-Accel: /elsewhere/report.pdf").status()).isEqualTo(500);
            assertThat(log.text()).contains("X-Accel-Redirect \"/elsewhere/report.pdf\"").contains("no X-Accel-Redirect location matches");
        }
        assertThat(s.get("/download", "X-Test-Accel: /protectedness/report.pdf").status()).as("segment-aligned").isEqualTo(500);
        assertThat(s.get("/download", "X-Test-Accel: @named").status()).isEqualTo(500);
        assertThat(s.get("/d", "X-Test-Sendfile: relative/data.txt").status()).isEqualTo(500);
    }

    @Test
    void missingHiddenAndDirectoryTargetsAre404() throws IOException {
        FilesServer s = serve();
        assertThat(s.get("/download", "X-Test-Accel: /protected/nope.pdf").status()).isEqualTo(404);
        assertThat(s.get("/download", "X-Test-Accel: /protected/.htpasswd").status()).isEqualTo(404);
        assertThat(s.get("/download", "X-Test-Accel: /protected/sub").status()).isEqualTo(404);
        assertThat(s.get("/d", "X-Test-Sendfile: " + downloads + "/nope").status()).isEqualTo(404);
    }

    @Test
    void ordinaryResponsesPassThroughUntouched() throws IOException {
        RawResponse r = serve().get("/page");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo("the app's own body, never to be seen\n");
        assertThat(r.header("Content-Type")).isEqualTo("text/plain");
        assertThat(r.header("ETag")).isEqualTo("\"from-the-app\"");
    }

    @Test
    void anAppsOwnFileBodyStaysAFileBody() throws IOException {
        Application app = (environ, start) -> {
            start.start(200, Header.of("Content-Type", "text/plain"));
            return FileBody.of(downloads.resolve("data.txt"));
        };
        Body[] seen = new Body[1];
        Application probe = SendfileMiddleware.of(config()).wrap(app);
        Application recording = (environ, start) -> {
            Body b = probe.call(environ, start);
            seen[0] = b;
            return b;
        };
        FilesServer s = new FilesServer(recording);
        servers.add(s);
        assertThat(s.get("/f").bodyText()).isEqualTo("0123456789");
        assertThat(seen[0]).isInstanceOf(FileBody.class);
    }

    @Test
    void anAppThatStartsFromItsBodyIsServedToo() throws IOException {
        FilesServer s = serve();
        RawResponse r = s.get("/download", "X-Test-Accel: /protected/report.pdf", "X-Test-Type: application/pdf", "X-Test-Lazy: 1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(PDF);
        RawResponse own = s.get("/page", "X-Test-Lazy: 1");
        assertThat(own.bodyText()).isEqualTo("the app's own body, never to be seen\n");
    }

    @Test
    void whatTheAppWritesIsDiscarded() throws IOException {
        Application app = (environ, start) -> {
            var write = start.start(200, Header.of("X-Sendfile", downloads.resolve("data.txt").toString()),
                    Header.of("Content-Type", "text/plain"));
            write.write("written junk".getBytes(StandardCharsets.US_ASCII));
            return Body.of("body junk");
        };
        RawResponse r = serve(config(), app).get("/w");
        assertThat(r.bodyText()).isEqualTo("0123456789");
    }

    @Test
    void xAccelRedirectWinsWhenBothAreSent() throws IOException {
        RawResponse r = serve().get("/download", "X-Test-Accel: /protected/report.pdf",
                "X-Test-Sendfile: " + downloads.resolve("data.txt"));
        assertThat(r.body()).isEqualTo(PDF);
    }

    @Test
    void aLocationAtTheTopMapsEveryUri() throws IOException {
        SendfileConfig config = SendfileConfig.defaults().withAccelLocation("/", protectedDir);
        assertThat(serve(config, BACKEND).get("/x", "X-Test-Accel: /report.pdf").body()).isEqualTo(PDF);
    }

    @Test
    void theConfigurationIsCheckedWhenBuilt() {
        assertThatThrownBy(() -> SendfileConfig.defaults().withAccelLocation("protected", protectedDir))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SendfileConfig.defaults().withSendfileRoot(Path.of("relative")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SendfileMiddleware.of(SendfileConfig.defaults().withSendfileRoot(tmp.resolve("missing"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentDecodingOfXSendfileCanBeTurnedOff() throws IOException {
        Files.writeString(downloads.resolve("100%25.txt"), "literal");
        SendfileConfig raw = config().withUnescapeSendfile(false);
        assertThat(serve(raw, BACKEND).get("/d", "X-Test-Sendfile: " + downloads + "/100%25.txt").bodyText()).isEqualTo("literal");
    }
}
