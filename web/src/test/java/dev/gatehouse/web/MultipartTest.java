package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import dev.gatehouse.testkit.peers.PeerProcess;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartTest {
    private static final String BOUNDARY = "----gatehouseTestBoundary42";

    @TempDir
    Path uploads;
    @TempDir
    Path work;

    private WebConfig config() {
        return WebConfig.defaults().withTempDir(uploads).withMemoryThreshold(64 * 1024);
    }

    /** Describes every field and upload, and how many temp files exist while the handler runs. */
    private WebApp app(WebConfig config) {
        return new WebApp(config).post("/upload", req -> {
            StringBuilder sb = new StringBuilder();
            sb.append("title=").append(req.param("title")).append('\n');
            for (String field : List.of("doc", "small")) {
                for (Upload u : req.uploads(field)) {
                    try (InputStream in = u.open()) {
                        sb.append(u.fieldName()).append(' ').append(u.fileName()).append(' ').append(u.contentType()).append(' ')
                                .append(u.size()).append(' ').append(sha256(in.readAllBytes())).append('\n');
                    }
                }
            }
            sb.append("tempfiles=").append(count(uploads));
            return Response.text(sb.toString());
        }).post("/read-twice", req -> req.param("title") + "/" + req.upload("doc").size())
                .post("/save", req -> {
                    req.upload("doc").saveTo(work.resolve("saved.bin"));
                    return "saved";
                });
    }

    @Test
    void curlUploadsLandInMemoryOrOnDiskAndTheTempFileGoes() throws Exception {
        PeerProcess.require(Path.of("/usr/bin/curl"), "apt-get install curl");
        byte[] big = randomBytes(1_000_000, 1);
        Path bigFile = Files.write(work.resolve("big.bin"), big);
        Path smallFile = Files.writeString(work.resolve("note.txt"), "hello");
        try (LiveServer server = new LiveServer(app(config()))) {
            Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "30", "-F", "title=Zoë's report",
                    "-F", "doc=@" + bigFile + ";type=application/x-test", "-F", "small=@" + smallFile,
                    server.uri("/upload").toString()).redirectErrorStream(true).start();
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(curl.waitFor()).isZero();
            assertThat(out).isEqualTo("title=Zoë's report\n"
                    + "doc big.bin application/x-test 1000000 " + sha256(big) + "\n"
                    + "small note.txt text/plain 5 " + sha256("hello".getBytes(StandardCharsets.UTF_8)) + "\n"
                    + "tempfiles=1");
        }
        // the server is shut down: every request has ended and closed its body
        assertThat(count(uploads)).isZero();
    }

    @Test
    void deliveredWholeInOneWriteOrInSmallPiecesTheBytesSurviveDelimiterLookalikes() throws Exception {
        // content full of near-delimiters: CR LF - - and boundary prefixes, across the parser's 16 KiB buffer
        ByteArrayOutputStreamWithTricks tricky = new ByteArrayOutputStreamWithTricks();
        Random random = new Random(7);
        while (tricky.size() < 200_000) {
            switch (random.nextInt(4)) {
                case 0 -> tricky.add("\r\n--" + BOUNDARY.substring(0, random.nextInt(BOUNDARY.length())));
                case 1 -> tricky.add("\r\n-");
                case 2 -> tricky.add("\r\r\n\n--");
                default -> tricky.addBytes(randomBytes(random.nextInt(3000), random.nextLong()));
            }
        }
        byte[] content = tricky.toByteArray();
        byte[] request = new MultipartBody(BOUNDARY).raw("preamble to ignore\r\n").field("title", "t").file("doc", "x.bin", "application/octet-stream", content)
                .close().raw("epilogue to ignore").request("/upload");
        String expected = "title=t\ndoc x.bin application/octet-stream " + content.length + " " + sha256(content) + "\ntempfiles=1";
        try (LiveServer server = new LiveServer(app(config())); RawHttpClient client = server.connect()) {
            client.send(request);
            assertThat(new String(client.readResponse().body(), StandardCharsets.UTF_8)).isEqualTo(expected);
            client.sendPieces(pieces(request, 997), Duration.ZERO);
            assertThat(new String(client.readResponse().body(), StandardCharsets.UTF_8)).isEqualTo(expected);
            byte[] save = new MultipartBody(BOUNDARY).file("doc", "x.bin", "application/octet-stream", content).close().request("/save");
            client.send(save);
            assertThat(new String(client.readResponse().body(), StandardCharsets.UTF_8)).isEqualTo("saved");
            assertThat(Files.readAllBytes(work.resolve("saved.bin"))).isEqualTo(content);
            // a request on the same connection runs after the previous one closed its body: its temp file is gone
            client.send("GET /nothing HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(client.readResponse().status()).isEqualTo(404);
            assertThat(count(uploads)).isZero();
        }
    }

    @Test
    void javaHttpClientMultipartWithSmallUploadStaysInMemory() throws Exception {
        MultipartBody body = new MultipartBody(BOUNDARY).field("title", "a\r\nb").file("small", "C:\\Users\\x\\n.txt", "text/plain", "hi".getBytes());
        body.close();
        try (LiveServer server = new LiveServer(app(config()))) {
            HttpResponse<String> r = server.send(server.request("/upload").header("Content-Type", body.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build());
            assertThat(r.body()).isEqualTo("title=a\r\nb\nsmall n.txt text/plain 2 " + sha256("hi".getBytes()) + "\ntempfiles=0");
            HttpResponse<String> twice = server.send(server.request("/read-twice").header("Content-Type", body.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new MultipartBody(BOUNDARY).field("title", "x")
                            .file("doc", "d", "text/plain", new byte[10]).close().bytes())).build());
            assertThat(twice.body()).isEqualTo("x/10");
        }
    }

    @Test
    void memoryThresholdBoundsTheUploadsOfARequestTogether() throws Exception {
        // three uploads of 40 KiB under a 64 KiB threshold: the first stays in memory, the others would pass it together
        MultipartBody body = new MultipartBody(BOUNDARY).field("title", "many");
        for (int i = 0; i < 3; i++) body.file("doc", "d" + i, "x/y", randomBytes(40 * 1024, i));
        try (LiveServer server = new LiveServer(app(config()))) {
            HttpResponse<String> r = server.send(server.request("/upload").header("Content-Type", body.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.close().bytes())).build());
            assertThat(r.body()).contains("doc d0 x/y 40960 " + sha256(randomBytes(40 * 1024, 0)),
                    "doc d2 x/y 40960 " + sha256(randomBytes(40 * 1024, 2))).endsWith("tempfiles=2");
        }
    }

    @Test
    void tooManyPartsIs413AndTheTempFilesOfEarlierPartsGo() throws Exception {
        MultipartBody body = new MultipartBody(BOUNDARY).file("doc", "big", "x/y", randomBytes(100_000, 3));
        for (int i = 0; i < 5; i++) body.field("f" + i, "v");
        assertRejected(config().withMaxParts(3), body.close(), 413, "multipart body has more than maxParts (3) parts");
        assertThat(count(uploads)).isZero();
    }

    @Test
    void oversizedUploadIs413() throws Exception {
        MultipartBody body = new MultipartBody(BOUNDARY).file("doc", "big", "x/y", randomBytes(200_000, 4)).close();
        assertRejected(config().withMaxUploadBytes(150_000), body, 413, "an upload exceeds maxUploadBytes (150000 bytes)");
        assertThat(count(uploads)).isZero();
    }

    @Test
    void oversizedTextFieldsAre413() throws Exception {
        MultipartBody body = new MultipartBody(BOUNDARY).field("a", "x".repeat(60)).field("b", "y".repeat(60)).close();
        assertRejected(config().withMaxFormBytes(100), body, 413, "multipart text fields exceed maxFormBytes (100 bytes)");
    }

    @Test
    void oversizedPartHeadersAre400() throws Exception {
        MultipartBody body = new MultipartBody(BOUNDARY).raw("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: "
                + "p".repeat(300) + "\r\n\r\nv\r\n").close();
        assertRejected(config().withMaxPartHeaderBytes(256), body, 400, "multipart part headers exceed maxPartHeaderBytes (256 bytes)");
    }

    @Test
    void malformedBodiesAre400SayingWhatIsWrong() throws Exception {
        assertRejected(config(), new MultipartBody(BOUNDARY).field("a", "1"), 400, "multipart body ended before the closing boundary");
        assertRejected(config(), new MultipartBody(BOUNDARY).raw("no boundary at all"), 400, "multipart body has no opening boundary");
        assertRejected(config(), new MultipartBody(BOUNDARY).raw("--" + BOUNDARY + "\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n").close(),
                400, "malformed multipart boundary line");
        assertRejected(config(), new MultipartBody(BOUNDARY).raw("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\n\r\nv\r\n").close(),
                400, "multipart part header line ended by a bare LF");
        assertRejected(config(), new MultipartBody(BOUNDARY).raw("--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\nv\r\n").close(),
                400, "multipart part without a Content-Disposition header");
        assertRejected(config(), new MultipartBody(BOUNDARY).raw("--" + BOUNDARY + "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n").close(),
                400, "Content-Disposition is not form-data");
        assertRejected(config(), new MultipartBody(BOUNDARY).raw("--" + BOUNDARY + "\r\nContent-Disposition: form-data\r\n\r\nv\r\n").close(),
                400, "multipart part without a name");
        assertRejected(config(), new MultipartBody(BOUNDARY).raw("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n")
                .raw(new byte[] {(byte) 0xC3, 0x28}).raw("\r\n").close(), 400, "invalid UTF-8 in multipart field &#39;a&#39;");
    }

    @Test
    void everyTruncationOfAValidBodyIsA400NeverA500() throws Exception {
        byte[] full = new MultipartBody(BOUNDARY).field("title", "t").file("doc", "d.txt", "text/plain", "0123456789".getBytes())
                .field("z", "last").close().bytes();
        try (LiveServer server = new LiveServer(app(config()))) {
            for (int cut = 0; cut < full.length; cut += 7) {
                byte[] body = java.util.Arrays.copyOf(full, cut);
                try (RawHttpClient client = server.connect()) {
                    client.send(new MultipartBody(BOUNDARY).raw(body).request("/upload"));
                    RawResponse r = client.readResponse();
                    // a cut after the close delimiter's "--" loses only the epilogue
                    assertThat(r.status()).as("cut at %d of %d", cut, full.length).isEqualTo(cut >= full.length - 2 ? 200 : 400);
                }
            }
        }
    }

    @Test
    void missingOrBadBoundaryParameterIs400() throws Exception {
        try (LiveServer server = new LiveServer(app(config())); RawHttpClient client = server.connect()) {
            client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data\r\nContent-Length: 2\r\n\r\nxx");
            RawResponse r = client.readResponse();
            assertThat(r.status()).isEqualTo(400);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("multipart/form-data without a boundary parameter");
        }
        try (LiveServer server = new LiveServer(app(config())); RawHttpClient client = server.connect()) {
            client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary=" + "b".repeat(71)
                    + "\r\nContent-Length: 2\r\n\r\nxx");
            RawResponse r = client.readResponse();
            assertThat(r.status()).isEqualTo(400);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("multipart boundary must have 1 to 70 characters");
        }
    }

    private void assertRejected(WebConfig config, MultipartBody body, int status, String message) throws Exception {
        try (LiveServer server = new LiveServer(app(config)); RawHttpClient client = server.connect()) {
            client.send(body.request("/upload"));
            RawResponse r = client.readResponse();
            assertThat(r.status()).as(message).isEqualTo(status);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains(message);
        }
    }

    private static List<byte[]> pieces(byte[] all, int size) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < all.length; i += size) out.add(java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + size)));
        return out;
    }

    private static long count(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class ByteArrayOutputStreamWithTricks extends java.io.ByteArrayOutputStream {
        void add(String s) {
            writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        }

        void addBytes(byte[] b) {
            writeBytes(b);
        }
    }
}
