package dev.gatehouse.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.FileBody;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.api.Write;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompressionTest {
    private static final String TEXT = "All work and no play makes Jack a dull boy.\n".repeat(100); // 4400 bytes
    private final Compression compression = new Compression();

    private static Application text(String contentType, String body, boolean withLength, Header... extra) {
        return (env, sr) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            List<Header> headers = new ArrayList<>(List.of(Header.of("Content-Type", contentType)));
            if (withLength) headers.add(Header.of("Content-Length", Integer.toString(bytes.length)));
            headers.addAll(List.of(extra));
            sr.start(Status.OK, headers);
            return Body.of(bytes);
        };
    }

    private static Environ accepting(String acceptEncoding) {
        Environ env = GatewayRun.get("/");
        if (acceptEncoding != null) env.put("HTTP_ACCEPT_ENCODING", acceptEncoding);
        return env;
    }

    private GatewayRun.Response run(Application app, Environ env) {
        GatewayRun.Response r = GatewayRun.run(compression, app, env);
        assertThat(r.violations()).isEmpty();
        return r;
    }

    static String gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String inflate(byte[] bytes) throws IOException {
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void gzipsATextResponseTheClientAccepts() throws Exception {
        GatewayRun.Response r = run(text("text/html; charset=utf-8", TEXT, true), accepting("gzip, deflate, br"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(r.header("Content-Length")).isNull();
        assertThat(r.contentLength()).isEqualTo(-1);
        assertThat(r.header("Vary")).isEqualTo("Accept-Encoding");
        assertThat(r.body().length).isLessThan(TEXT.length() / 10);
        assertThat(gunzip(r.body())).isEqualTo(TEXT);
    }

    @Test
    void deflatesInTheZlibFormatWhenOnlyDeflateIsAccepted() throws Exception {
        GatewayRun.Response r = run(text("application/json", TEXT, true), accepting("deflate"));
        assertThat(r.header("Content-Encoding")).isEqualTo("deflate");
        assertThat(inflate(r.body())).isEqualTo(TEXT);
    }

    @ParameterizedTest(name = "Accept-Encoding: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "gzip|gzip",
            "GZip|gzip",
            "x-gzip|gzip",
            "deflate, gzip|gzip",
            "gzip;q=0, deflate|deflate",
            "gzip;q=0.5, deflate;q=0.8|deflate",
            "deflate;q=0.5, gzip|gzip",
            "gzip ; q=0.001|gzip",
            "*|gzip",
            "*, gzip;q=0|deflate",
            "*;q=0|identity",
            "identity;q=0|identity",
            "identity|identity",
            "br|identity",
            "gzip;q=2|identity",
            "gzip;q=0.0001|identity",
            "gzip;q=-1|identity",
            "''|identity"})
    void negotiatesTheCodingByWeight(String acceptEncoding, String expected) {
        ContentCoding chosen = compression.negotiate(accepting(acceptEncoding));
        assertThat(chosen == null ? "identity" : chosen.token()).isEqualTo(expected);
    }

    @Test
    void prefersTheConfiguredOrderBetweenEqualWeights() {
        Compression deflateFirst = new Compression(CompressionConfig.defaults().withCodings(List.of("deflate", "gzip")));
        assertThat(deflateFirst.negotiate(accepting("gzip, deflate"))).isEqualTo(ContentCoding.DEFLATE);
        assertThat(deflateFirst.negotiate(accepting("gzip, deflate;q=0.9"))).isEqualTo(ContentCoding.GZIP);
    }

    @Test
    void compressesNothingWithoutAcceptEncodingButStillVaries() {
        GatewayRun.Response r = run(text("text/plain", TEXT, true), accepting(null));
        assertThat(r.header("Content-Encoding")).isNull();
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(TEXT.length()));
        assertThat(r.header("Vary")).isEqualTo("Accept-Encoding");
        assertThat(r.text()).isEqualTo(TEXT);
    }

    @Test
    void leavesAResponseBelowTheMinimumLengthAlone() {
        GatewayRun.Response r = run(text("text/plain", "short", true), accepting("gzip"));
        assertThat(r.header("Content-Encoding")).isNull();
        assertThat(r.header("Content-Length")).isEqualTo("5");
        assertThat(r.header("Vary")).isEqualTo("Accept-Encoding");
        assertThat(r.text()).isEqualTo("short");
    }

    @Test
    void compressesAStreamedBodyWhateverItsSize() throws Exception {
        GatewayRun.Response r = run(text("text/plain", "short", false), accepting("gzip"));
        assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gunzip(r.body())).isEqualTo("short");
    }

    @Test
    void neverCompressesAnEncodedResponseAgain() {
        byte[] brotli = {1, 2, 3, 4};
        Application encoded = (env, sr) -> {
            sr.start(200, Header.of("Content-Type", "text/css"), Header.of("Content-Encoding", "br"));
            return Body.of(brotli);
        };
        GatewayRun.Response r = run(encoded, accepting("gzip"));
        assertThat(r.header("Content-Encoding")).isEqualTo("br");
        assertThat(r.body()).isEqualTo(brotli);
    }

    @Test
    void leavesOtherTypesAloneAndKeepsFileBodiesZeroCopy(@TempDir Path dir) throws Exception {
        Path png = Files.write(dir.resolve("x.png"), new byte[5000]);
        Application file = (env, sr) -> {
            sr.start(200, Header.of("Content-Type", "image/png"), Header.of("Content-Length", "5000"));
            return FileBody.of(png);
        };
        GatewayRun.Response r = run(file, accepting("gzip"));
        assertThat(r.header("Content-Encoding")).isNull();
        assertThat(r.header("Vary")).isNull();
        assertThat(r.events()).contains("file 5000");
    }

    @Test
    void compressesAFileBodyOfACompressibleType(@TempDir Path dir) throws Exception {
        Path css = Files.writeString(dir.resolve("site.css"), TEXT);
        Application file = (env, sr) -> {
            sr.start(200, Header.of("Content-Type", "text/css"), Header.of("Content-Length", Long.toString(Files.size(css))));
            return FileBody.of(css);
        };
        GatewayRun.Response r = run(file, accepting("gzip"));
        assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gunzip(r.body())).isEqualTo(TEXT);
    }

    @Test
    void leavesHeadRequestsAlone() {
        Environ head = GatewayRun.environ("HEAD", "/").put("HTTP_ACCEPT_ENCODING", "gzip");
        GatewayRun.Response r = run(text("text/plain", TEXT, true), head);
        assertThat(r.header("Content-Encoding")).isNull();
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(TEXT.length()));
        assertThat(r.header("Vary")).isEqualTo("Accept-Encoding");
    }

    @Test
    void leavesBodylessStatusesAndRangesAlone() {
        Application noContent = (env, sr) -> {
            sr.start(204, Header.of("Content-Type", "text/plain"));
            return Body.empty();
        };
        assertThat(run(noContent, accepting("gzip")).header("Content-Encoding")).isNull();
        Application notModified = (env, sr) -> {
            sr.start(304, Header.of("Content-Type", "text/plain"), Header.of("ETag", "\"v1\""));
            return Body.empty();
        };
        GatewayRun.Response r304 = run(notModified, accepting("gzip"));
        assertThat(r304.header("Content-Encoding")).isNull();
        assertThat(r304.header("ETag")).isEqualTo("\"v1\"");
        Application partial = (env, sr) -> {
            sr.start(Status.of(206), List.of(Header.of("Content-Type", "text/plain"), Header.of("Content-Range", "bytes 0-1999/4400"),
                    Header.of("Content-Length", "2000")));
            return Body.of(TEXT.substring(0, 2000));
        };
        GatewayRun.Response r206 = run(partial, accepting("gzip"));
        assertThat(r206.header("Content-Encoding")).isNull();
        assertThat(r206.text()).isEqualTo(TEXT.substring(0, 2000));
    }

    @Test
    void respectsCacheControlNoTransform() {
        GatewayRun.Response r = run(text("text/plain", TEXT, true, Header.of("Cache-Control", "public, no-transform")), accepting("gzip"));
        assertThat(r.header("Content-Encoding")).isNull();
        assertThat(r.text()).isEqualTo(TEXT);
    }

    @Test
    void extendsAnExistingVaryOnceAndLeavesVaryStarAlone() {
        assertThat(run(text("text/plain", TEXT, true, Header.of("Vary", "Origin")), accepting("gzip")).header("Vary"))
                .isEqualTo("Origin, Accept-Encoding");
        assertThat(run(text("text/plain", TEXT, true, Header.of("Vary", "origin, accept-encoding")), accepting("gzip")).header("Vary"))
                .isEqualTo("origin, accept-encoding");
        assertThat(run(text("text/plain", TEXT, true, Header.of("Vary", "*")), accepting("gzip")).header("Vary"))
                .isEqualTo("*");
    }

    @Test
    void weakensAStrongETagAndDropsAcceptRanges() {
        GatewayRun.Response strong = run(text("text/plain", TEXT, true, Header.of("ETag", "\"abc\""),
                Header.of("Accept-Ranges", "bytes")), accepting("gzip"));
        assertThat(strong.header("ETag")).isEqualTo("W/\"abc\"");
        assertThat(strong.header("Accept-Ranges")).isNull();
        GatewayRun.Response weak = run(text("text/plain", TEXT, true, Header.of("ETag", "W/\"abc\"")), accepting("gzip"));
        assertThat(weak.header("ETag")).isEqualTo("W/\"abc\"");
    }

    @Test
    void matchesTypesExactlyByFamilyAndBySuffix() {
        assertThat(compression.compressible("text/plain")).isTrue();
        assertThat(compression.compressible("TEXT/HTML; charset=utf-8")).isTrue();
        assertThat(compression.compressible("application/problem+json")).isTrue();
        assertThat(compression.compressible("application/atom+xml")).isTrue();
        assertThat(compression.compressible("image/svg+xml")).isTrue();
        assertThat(compression.compressible("application/jsonp")).isFalse();
        assertThat(compression.compressible("image/png")).isFalse();
        assertThat(compression.compressible("textual/plain")).isFalse();
        assertThat(compression.compressible(null)).isFalse();
        Compression onlyCsv = new Compression(CompressionConfig.defaults().withTypes(List.of("text/csv")));
        assertThat(onlyCsv.compressible("text/csv")).isTrue();
        assertThat(onlyCsv.compressible("text/html")).isFalse();
    }

    @Test
    void compressesWhatTheWriteCallableSends() throws Exception {
        Application writer = (env, sr) -> {
            Write write = sr.start(200, Header.of("Content-Type", "text/plain"));
            write.write(TEXT.getBytes(StandardCharsets.UTF_8));
            return Body.of("tail");
        };
        GatewayRun.Response r = run(writer, accepting("gzip"));
        assertThat(gunzip(r.body())).isEqualTo(TEXT + "tail");
    }

    @Test
    void flushesEveryChunkSoItCanBeDecompressedOnArrival() throws Exception {
        Application streamed = (env, sr) -> {
            sr.start(200, Header.of("Content-Type", "text/event-stream"));
            return Body.of("data: one\n\n".getBytes(StandardCharsets.UTF_8), new byte[0], "data: two\n\n".getBytes(StandardCharsets.UTF_8));
        };
        RecordingStartResponse sr = new RecordingStartResponse();
        Body body = compression.wrap(streamed).call(accepting("deflate"), sr);
        Inflater inflater = new Inflater();
        assertThat(inflateChunk(inflater, body.next())).isEqualTo("data: one\n\n");
        assertThat(body.next()).isEmpty();
        assertThat(inflateChunk(inflater, body.next())).isEqualTo("data: two\n\n");
        byte[] tail = body.next();
        inflateChunk(inflater, tail);
        assertThat(inflater.finished()).isTrue();
        assertThat(body.next()).isNull();
        body.close();
        inflater.end();
    }

    private static String inflateChunk(Inflater inflater, byte[] chunk) throws Exception {
        inflater.setInput(chunk);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        int n;
        while ((n = inflater.inflate(buf)) > 0) out.write(buf, 0, n);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void decidesAgainWhenTheAppReplacesItsResponse() throws Exception {
        Application changesItsMind = (env, sr) -> {
            sr.start(200, Header.of("Content-Type", "text/plain"));
            sr.start(Status.of(503), List.of(Header.of("Content-Type", "application/octet-stream")), new RuntimeException("backend down"));
            return Body.of(TEXT);
        };
        GatewayRun.Response r = run(changesItsMind, accepting("gzip"));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Content-Encoding")).isNull();
        assertThat(r.text()).isEqualTo(TEXT);
    }

    @Test
    void refusesAnUnknownCodingOrLevel() {
        assertThatThrownBy(() -> CompressionConfig.defaults().withCodings(List.of("br")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'br'");
        assertThatThrownBy(() -> CompressionConfig.defaults().withLevel(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompressionConfig.defaults().withTypes(List.of("html"))).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- over the wire --------------------------------------------------------------------------

    @Test
    void aStreamedResponseStillStreamsThroughTheServer() throws Exception {
        CountDownLatch clientSawFirst = new CountDownLatch(1);
        AtomicBoolean releasedByClient = new AtomicBoolean();
        Application slowStream = (env, sr) -> {
            sr.start(200, Header.of("Content-Type", "text/plain"));
            return new Body() {
                int step;

                @Override
                public byte[] next() throws IOException {
                    step++;
                    if (step == 1) return "first part\n".getBytes(StandardCharsets.UTF_8);
                    if (step == 2) {
                        try {
                            releasedByClient.set(clientSawFirst.await(10, TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                        return "second part\n".getBytes(StandardCharsets.UTF_8);
                    }
                    return null;
                }
            };
        };
        try (LiveServer server = new LiveServer(compression.wrap(slowStream));
             HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpRequest request = HttpRequest.newBuilder(server.uri("/")).header("Accept-Encoding", "gzip")
                    .timeout(Duration.ofSeconds(30)).build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
            try (InputStream in = new GZIPInputStream(response.body())) {
                byte[] first = in.readNBytes("first part\n".length());
                assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("first part\n");
                clientSawFirst.countDown();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second part\n");
            }
        }
        assertThat(releasedByClient).as("the client decoded the first chunk while the app still held the second").isTrue();
    }

    @Test
    void curlDecompressesWhatItAskedFor() throws Exception {
        Assumptions.assumeTrue(CurlSupport.available(), "curl not found; apt-get install curl to run this test");
        try (LiveServer server = new LiveServer(compression.wrap(text("text/html; charset=utf-8", TEXT, true)))) {
            CurlSupport.Result plain = CurlSupport.run(server.uri("/").toString());
            CurlSupport.Result compressed = CurlSupport.run("--compressed", server.uri("/").toString());
            assertThat(plain.head()).doesNotContainIgnoringCase("Content-Encoding");
            assertThat(plain.body()).isEqualTo(TEXT);
            assertThat(compressed.head()).containsIgnoringCase("Content-Encoding: gzip").containsIgnoringCase("Vary: Accept-Encoding");
            assertThat(compressed.body()).isEqualTo(TEXT);
        }
    }
}
