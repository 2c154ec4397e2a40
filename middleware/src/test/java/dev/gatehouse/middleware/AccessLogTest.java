package dev.gatehouse.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.FileBody;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.api.Write;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2000-10-10T20:55:36Z"), ZoneOffset.ofHours(-7));
    private static final String TIME = "[10/Oct/2000:13:55:36 -0700]";

    private final StringWriter out = new StringWriter();
    private final AccessLog accessLog = new AccessLog(out, false, CLOCK);

    private static Environ request(String method, String uri) {
        return new Environ()
                .put(EnvironKeys.REQUEST_METHOD, method)
                .put(EnvironKeys.REQUEST_URI, uri)
                .put(EnvironKeys.SERVER_PROTOCOL, "HTTP/1.1")
                .put(EnvironKeys.REMOTE_ADDR, "127.0.0.1");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private String run(Application app, Environ environ) throws Exception {
        RecordingStartResponse sr = new RecordingStartResponse();
        sr.drain(accessLog.wrap(app).call(environ, sr));
        return out.toString();
    }

    @Test
    void writesACombinedLogFormatLine() throws Exception {
        Environ environ = request("GET", "/a.gif?x=1")
                .put("HTTP_REFERER", "http://example.com/")
                .put("HTTP_USER_AGENT", "curl/8.5.0")
                .put("REMOTE_USER", "frank");
        Application app = (env, sr) -> {
            sr.start(200);
            return Body.of("12345");
        };
        assertThat(run(app, environ)).isEqualTo(
                "127.0.0.1 - frank " + TIME + " \"GET /a.gif?x=1 HTTP/1.1\" 200 5 \"http://example.com/\" \"curl/8.5.0\"\n");
    }

    @Test
    void logsDashesForMissingFieldsAndAnEmptyBody() throws Exception {
        Environ environ = new Environ().put(EnvironKeys.REQUEST_METHOD, "GET").put(EnvironKeys.REQUEST_URI, "/");
        Application app = (env, sr) -> {
            sr.start(204);
            return Body.empty();
        };
        assertThat(run(app, environ)).isEqualTo("- - - " + TIME + " \"GET /\" 204 - \"-\" \"-\"\n");
    }

    @Test
    void countsBytesFromTheBodyAndTheWriteCallable() throws Exception {
        Application app = (env, sr) -> {
            Write write = sr.start(200);
            write.write(ascii("abc"));
            write.write(ascii("xxdefxx"), 2, 3);
            return Body.of(ascii("ghij"), ascii(""), ascii("k"));
        };
        assertThat(run(app, request("GET", "/"))).contains("\" 200 11 \"");
    }

    @Test
    void writesTheLineWhenTheBodyIsClosed() throws Exception {
        Application app = (env, sr) -> {
            sr.start(200);
            return Body.of("hello");
        };
        Body body = accessLog.wrap(app).call(request("GET", "/"), new RecordingStartResponse());
        body.next();
        assertThat(out.toString()).isEmpty();
        body.close();
        assertThat(out.toString()).contains(" 200 5 ");
    }

    @Test
    void takesTheRequestLineBeforeInnerAppsRewriteTheEnviron() throws Exception {
        Environ environ = new Environ()
                .put(EnvironKeys.REQUEST_METHOD, "POST")
                .put(EnvironKeys.SCRIPT_NAME, "/app")
                .put(EnvironKeys.PATH_INFO, "/a b")
                .put(EnvironKeys.QUERY_STRING, "q=1")
                .put(EnvironKeys.SERVER_PROTOCOL, "HTTP/1.0");
        Application rewriting = (env, sr) -> {
            env.put(EnvironKeys.PATH_INFO, "/rewritten");
            sr.start(201);
            return Body.empty();
        };
        assertThat(run(rewriting, environ)).contains("\"POST /app/a%20b?q=1 HTTP/1.0\" 201 - ");
    }

    @Test
    void escapesQuotesBackslashesControlAndNonAsciiBytes() throws Exception {
        Environ environ = request("GET", "/")
                .put("HTTP_USER_AGENT", "evil\" \\ \n127.0.0.1 - - fake\t\u0001\u00e9");
        Application app = (env, sr) -> {
            sr.start(200);
            return Body.empty();
        };
        assertThat(run(app, environ)).endsWith("\"evil\\\" \\\\ \\n127.0.0.1 - - fake\\t\\x01\\xe9\"\n");
    }

    @Test
    void escapesCharactersBeyondLatin1AsTheirUtf8Bytes() throws Exception {
        Environ environ = request("GET", "/").put("HTTP_REFERER", "\u20ac");
        Application app = (env, sr) -> {
            sr.start(200);
            return Body.empty();
        };
        assertThat(run(app, environ)).contains("\"\\xe2\\x82\\xac\"");
    }

    @Test
    void logsTheServers500WhenTheAppThrows() throws Exception {
        Application failing = (env, sr) -> {
            sr.start(200);
            throw new IllegalStateException("boom");
        };
        assertThatThrownBy(() -> accessLog.wrap(failing).call(request("GET", "/x"), new RecordingStartResponse()))
                .hasMessage("boom");
        assertThat(out.toString()).contains("\"GET /x HTTP/1.1\" 500 - ");
    }

    @Test
    void logs500WhenTheBodyFailsBeforeItsFirstByte() throws Exception {
        Application failing = (env, sr) -> {
            sr.start(200);
            return () -> {
                throw new java.io.IOException("disk gone");
            };
        };
        Body body = accessLog.wrap(failing).call(request("GET", "/"), new RecordingStartResponse());
        assertThatThrownBy(body::next).hasMessage("disk gone");
        body.close();
        assertThat(out.toString()).contains(" 500 - ");
    }

    @Test
    void logsTheStatusThatReplacedAnEarlierOneThroughExcInfo() throws Exception {
        Application changesItsMind = (env, sr) -> {
            sr.start(200);
            sr.start(Status.of(503), List.of(), new RuntimeException("backend down"));
            return Body.of("later");
        };
        assertThat(run(changesItsMind, request("GET", "/"))).contains(" 503 5 ");
    }

    @Test
    void logsNoBytesForAHeadRequest() throws Exception {
        Application app = (env, sr) -> {
            sr.start(200);
            return Body.of("not sent");
        };
        assertThat(run(app, request("HEAD", "/"))).contains("\"HEAD / HTTP/1.1\" 200 - ");
    }

    @Test
    void neverLogsMoreThanTheDeclaredContentLength() throws Exception {
        Application overrunning = (env, sr) -> {
            sr.start(200, Header.of("Content-Length", "3"));
            return Body.of("abcdef");
        };
        assertThat(run(overrunning, request("GET", "/"))).contains(" 200 3 ");
    }

    @Test
    void keepsAFileBodyZeroCopyAndLogsItsLengthWhenClosed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "0123456789");
        Application files = (env, sr) -> {
            sr.start(200, Header.of("Content-Length", "4"));
            return new FileBody(java.nio.channels.FileChannel.open(file), 2, 4);
        };
        Body body = accessLog.wrap(files).call(request("GET", "/f.txt"), new RecordingStartResponse());
        assertThat(body).isInstanceOf(FileBody.class);
        FileBody fileBody = (FileBody) body;
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        fileBody.channel().transferTo(fileBody.start(), fileBody.length(), Channels.newChannel(sent));
        assertThat(sent.toString(StandardCharsets.US_ASCII)).isEqualTo("2345");
        assertThat(out.toString()).isEmpty();
        body.close();
        assertThat(out.toString()).contains(" 200 4 ");
    }

    @Test
    void concurrentRequestsNeverInterleaveTheirLines() throws Exception {
        Application app = (env, sr) -> {
            sr.start(200);
            return Body.of("x".repeat(100));
        };
        Application logged = accessLog.wrap(app);
        int requests = 400;
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < requests; i++) {
                String uri = "/item/" + i;
                done.add(pool.submit(() -> new RecordingStartResponse().drain(logged.call(request("GET", uri), new RecordingStartResponse()))));
            }
            for (Future<?> f : done) f.get();
        }
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(requests);
        assertThat(lines).allMatch(l -> l.matches("127\\.0\\.0\\.1 - - \\[.*] \"GET /item/\\d+ HTTP/1\\.1\" 200 100 \"-\" \"-\""));
    }

    @Test
    void appendsToAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("access.log"), "earlier line\n");
        try (AccessLog fileLog = AccessLog.toFile(file)) {
            Application app = fileLog.wrap((env, sr) -> {
                sr.start(200);
                return Body.of("ok");
            });
            new RecordingStartResponse().drain(app.call(request("GET", "/"), new RecordingStartResponse()));
            assertThat(Files.readAllLines(file)).hasSize(2).last().asString().contains("\"GET / HTTP/1.1\" 200 2 ");
        }
    }

    // ---- formats --------------------------------------------------------------------------------

    /** A clock that advances 1.5 ms on each reading, so request_time is 0.001 s (two readings). */
    private static java.util.function.LongSupplier ticking() {
        long[] now = {1_000_000_000L};
        return () -> now[0] += 1_500_000L;
    }

    private String runFormatted(AccessLogFormat format, Application app, Environ environ) throws Exception {
        StringWriter lines = new StringWriter();
        AccessLog formatted = new AccessLog(lines, false, CLOCK, ticking(), format);
        RecordingStartResponse sr = new RecordingStartResponse();
        sr.drain(formatted.wrap(app).call(environ, sr));
        return lines.toString();
    }

    private static final Application OK_HTML = (env, sr) -> {
        sr.start(200, Header.of("Content-Type", "text/html"), Header.of("X-Cache", "MISS"));
        return Body.of("12345");
    };

    @Test
    void writesNginxStyleVariablesInAPattern() throws Exception {
        AccessLogFormat format = AccessLogFormat.pattern(
                "$remote_addr:$remote_port [$time_local] \"$request\" $status $body_bytes_sent $request_time "
                        + "\"$http_user_agent\" $sent_http_content_type ${sent_http_x_cache}! $host $scheme $uri $args");
        Environ environ = request("GET", "/a%20b?x=1").put(EnvironKeys.REMOTE_PORT, "5555")
                .put(EnvironKeys.PATH_INFO, "/a b").put(EnvironKeys.QUERY_STRING, "x=1")
                .put("HTTP_USER_AGENT", "curl/8.5.0").put("HTTP_HOST", "example.com")
                .put(EnvironKeys.URL_SCHEME, "https");
        assertThat(runFormatted(format, OK_HTML, environ)).isEqualTo(
                "127.0.0.1:5555 [10/Oct/2000:13:55:36 -0700] \"GET /a%20b?x=1 HTTP/1.1\" 200 5 0.001 "
                        + "\"curl/8.5.0\" text/html MISS! example.com https /a b x=1\n");
    }

    @Test
    void logsADashForAbsentValuesAndEscapesTheRest() throws Exception {
        AccessLogFormat format = AccessLogFormat.pattern("$remote_user|$http_referer|$http_user_agent|$body_bytes_sent");
        Environ environ = request("GET", "/").put("HTTP_USER_AGENT", "evil\"\n127.0.0.1 fake\u00e9");
        Application empty = (env, sr) -> {
            sr.start(204);
            return Body.empty();
        };
        assertThat(runFormatted(format, empty, environ)).isEqualTo("-|-|evil\\\"\\n127.0.0.1 fake\\xe9|0\n");
    }

    @Test
    void reportsEveryUnknownVariableWhenTheFormatIsMade() {
        assertThatThrownBy(() -> AccessLogFormat.pattern("$remote_addr $nope \"$request\" ${also_nope} $http_"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$also_nope, $http_, $nope")
                .hasMessageContaining("known: ");
        assertThatThrownBy(() -> AccessLogFormat.pattern("cost: $ 5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a variable name");
        assertThatThrownBy(() -> AccessLogFormat.pattern("${status")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AccessLogFormat.json(List.of("status", "bogus"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$bogus");
    }

    @Test
    void writesJsonLines() throws Exception {
        Environ environ = request("POST", "/api/items?id=7")
                .put("HTTP_REFERER", "http://example.com/")
                .put("HTTP_USER_AGENT", "Mozilla/5.0 \"quoted\"")
                .put("REMOTE_USER", "frank");
        assertThat(runFormatted(AccessLogFormat.json(), OK_HTML, environ)).isEqualTo(
                "{\"time_iso8601\":\"2000-10-10T13:55:36-07:00\",\"remote_addr\":\"127.0.0.1\",\"remote_user\":\"frank\","
                        + "\"request_method\":\"POST\",\"request_uri\":\"/api/items?id=7\",\"server_protocol\":\"HTTP/1.1\","
                        + "\"status\":200,\"body_bytes_sent\":5,\"request_time\":0.001,"
                        + "\"http_referer\":\"http://example.com/\",\"http_user_agent\":\"Mozilla/5.0 \\\"quoted\\\"\"}\n");
    }

    @Test
    void writesJsonStringsAsUnicodeAndNullForAbsentValues() throws Exception {
        String utf8Bytes = new String("café".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        Environ environ = request("GET", "/").put("HTTP_X_NAME", utf8Bytes).put("HTTP_X_RAW", "\u00ff\u0001\n");
        String line = runFormatted(AccessLogFormat.json(List.of("http_x_name", "http_x_raw", "remote_user", "msec")), OK_HTML, environ);
        assertThat(line).isEqualTo("{\"http_x_name\":\"café\",\"http_x_raw\":\"\u00ff\\u0001\\n\",\"remote_user\":null,"
                + "\"msec\":971211336.000}\n");
    }

    @Test
    void logsWhatTrustedProxiesAndBasicAuthFoundFurtherIn(@TempDir Path dir) throws Exception {
        Path htpasswd = Files.writeString(dir.resolve("users"), "frank:" + BasicAuthTest.sha("pw") + "\n");
        Application app = TrustedProxies.trusting("127.0.0.0/8")
                .andThen(new BasicAuth(BasicAuthConfig.of(htpasswd)))
                .wrap(OK_HTML);
        Environ environ = request("GET", "/")
                .put("HTTP_X_FORWARDED_FOR", "203.0.113.7")
                .put("HTTP_AUTHORIZATION", BasicAuthTest.basic("frank", "pw"));
        assertThat(run(app, environ)).startsWith("203.0.113.7 - frank ");
    }
}
