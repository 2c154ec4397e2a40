package dev.gatehouse.cgi.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.testkit.EnvironLines;
import dev.gatehouse.testkit.FixtureApps;
import dev.gatehouse.testkit.FixtureLedger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CgiServer#run} driven in-process: the variables, stdin, stdout and stderr of one CGI request. */
class CgiServerTest {

    @BeforeEach
    void resetLedger() {
        FixtureLedger.reset();
    }

    /** What a web server sets for {@code METHOD SCRIPT_NAME PATH_INFO}, as Apache mod_cgi does (less its extras). */
    static Map<String, String> request(String method, String scriptName, String pathInfo) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("GATEWAY_INTERFACE", "CGI/1.1");
        vars.put("REQUEST_METHOD", method);
        vars.put("SCRIPT_NAME", scriptName);
        vars.put("PATH_INFO", pathInfo);
        vars.put("QUERY_STRING", "");
        vars.put("REQUEST_URI", scriptName + pathInfo);
        vars.put("SERVER_NAME", "example.org");
        vars.put("SERVER_PORT", "80");
        vars.put("SERVER_PROTOCOL", "HTTP/1.1");
        vars.put("REMOTE_ADDR", "127.0.0.1");
        vars.put("HTTP_HOST", "example.org");
        return vars;
    }

    static Map<String, String> get(String pathInfo) {
        return request("GET", "/app.cgi", pathInfo);
    }

    static Map<String, String> post(String body, String contentType) {
        Map<String, String> vars = request("POST", "/app.cgi", "/");
        vars.put("CONTENT_LENGTH", Integer.toString(body.getBytes(StandardCharsets.ISO_8859_1).length));
        vars.put("CONTENT_TYPE", contentType);
        return vars;
    }

    /** One run: exit status, stdout split into head and body, stderr, and what was left unread of stdin. */
    record Result(int exit, String head, byte[] body, String stderr, byte[] stdinLeft) {
        String status() {
            return head.lines().findFirst().orElse("");
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) return line.substring(colon + 1).strip();
            }
            return null;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Map<String, String> environ() {
            return EnvironLines.parse(body);
        }
    }

    static Result run(Application app, Map<String, String> vars, byte[] stdin) {
        return run(app, vars, stdin, new ByteArrayOutputStream());
    }

    static Result run(Application app, Map<String, String> vars, byte[] stdin, ByteArrayOutputStream stdout) {
        ByteArrayInputStream in = new ByteArrayInputStream(stdin);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CgiServer.run(app, vars, in, stdout, new PrintStream(err, true, StandardCharsets.UTF_8));
        return split(exit, stdout.toByteArray(), err.toString(StandardCharsets.UTF_8), in.readAllBytes());
    }

    static Result split(int exit, byte[] out, String err, byte[] left) {
        int end = indexOf(out, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) return new Result(exit, new String(out, StandardCharsets.ISO_8859_1), new byte[0], err, left);
        return new Result(exit, new String(out, 0, end + 2, StandardCharsets.ISO_8859_1), Arrays.copyOfRange(out, end + 4, out.length), err, left);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    private static final byte[] NO_BODY = new byte[0];

    // ---- the response on stdout ----------------------------------------------------------------

    @Test
    void answersWithAStatusFieldNotAStatusLine() {
        Result r = run(FixtureApps.hello(), get("/"), NO_BODY);
        assertThat(r.head()).startsWith("Status: 200 OK\r\n").doesNotContain("HTTP/1.");
        assertThat(r.head()).endsWith("\r\n");
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(FixtureApps.HELLO.length()));
        assertThat(r.bodyText()).isEqualTo(FixtureApps.HELLO);
        assertThat(r.exit()).isEqualTo(CgiServer.EXIT_OK);
        assertThat(FixtureLedger.serverViolations()).isEmpty();
        assertThat(FixtureLedger.unclosedBodies()).isZero();
    }

    @Test
    void streamedChunksAreFlushedOneByOneAndTheHeadGoesWithTheFirst() {
        List<String> flushes = new ArrayList<>();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream() {
            private int flushed;

            @Override
            public void flush() {
                if (size() > flushed) flushes.add(new String(toByteArray(), flushed, size() - flushed, StandardCharsets.ISO_8859_1));
                flushed = size();
            }
        };
        Result r = run(FixtureApps.streamed(), get("/"), NO_BODY, stdout);
        assertThat(r.bodyText()).isEqualTo(FixtureApps.STREAMED_TEXT);
        assertThat(r.header("Content-Length")).as("no length: the web server frames the body").isNull();
        List<String> nonEmpty = FixtureApps.STREAMED_CHUNKS.stream().filter(c -> !c.isEmpty()).toList();
        assertThat(flushes).hasSize(nonEmpty.size());
        assertThat(flushes.getFirst()).startsWith("Status: 200 OK\r\n").endsWith("\r\n\r\n" + nonEmpty.getFirst());
        assertThat(flushes.subList(1, flushes.size())).isEqualTo(nonEmpty.subList(1, nonEmpty.size()));
    }

    @Test
    void headRequestGetsTheHeadAndNoBody() {
        Result r = run(FixtureApps.hello(), request("HEAD", "/app.cgi", "/"), NO_BODY);
        assertThat(r.status()).isEqualTo("Status: 200 OK");
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(FixtureApps.HELLO.length()));
        assertThat(r.body()).isEmpty();
    }

    @Test
    void noContentHasNoLength() {
        Result r = run(FixtureApps.noContent(), get("/"), NO_BODY);
        assertThat(r.status()).isEqualTo("Status: 204 No Content");
        assertThat(r.header("Content-Length")).isNull();
        assertThat(r.body()).isEmpty();
    }

    @Test
    void fileBodyGoesOutWholeThroughAStream() {
        Result r = run(FixtureApps.fileRegionBody(), get("/"), NO_BODY);
        byte[] expected = Arrays.copyOfRange(FixtureApps.fileBodyContent(), (int) FixtureApps.FILE_REGION_START,
                (int) (FixtureApps.FILE_REGION_START + FixtureApps.FILE_REGION_LENGTH));
        assertThat(r.body()).isEqualTo(expected);
    }

    @Test
    void fileBodyGoesOutWholeToAFileDescriptor(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("stdout");
        int exit;
        try (FileOutputStream stdout = new FileOutputStream(file.toFile())) {
            exit = CgiServer.run(FixtureApps.fileBody(), get("/"), new ByteArrayInputStream(NO_BODY), stdout, new PrintStream(OutputStream.nullOutputStream()));
        }
        Result r = split(exit, Files.readAllBytes(file), "", NO_BODY);
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(FixtureApps.FILE_BODY_BYTES));
        assertThat(r.body()).isEqualTo(FixtureApps.fileBodyContent());
        assertThat(exit).isEqualTo(CgiServer.EXIT_OK);
    }

    // ---- errors --------------------------------------------------------------------------------

    @Test
    void exceptionBeforeTheHeadIsA500WithAShortBodyAndNoDetail() {
        Result r = run(FixtureApps.raisesBeforeHead(), get("/"), NO_BODY);
        assertThat(r.status()).isEqualTo("Status: 500 Internal Server Error");
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
        assertThat(r.bodyText()).isNotEmpty().hasSizeLessThan(100).doesNotContain("fixture:");
        assertThat(r.exit()).isEqualTo(CgiServer.EXIT_OK);
    }

    @Test
    void exceptionAfterTheHeadEndsTheOutputWithTheExitStatusSayingSo() {
        Result r = run(FixtureApps.raisesAfterHead(), get("/"), NO_BODY);
        assertThat(r.status()).isEqualTo("Status: 200 OK");
        assertThat(r.bodyText()).isEqualTo(FixtureApps.RAISES_AFTER_HEAD_FIRST_CHUNK);
        assertThat(r.exit()).isEqualTo(CgiServer.EXIT_INCOMPLETE);
    }

    @Test
    void bodyShorterThanItsLengthEndsWithTheExitStatusSayingSo() {
        Result r = run(FixtureApps.shortBody(), get("/"), NO_BODY);
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(FixtureApps.SHORT_BODY_DECLARED));
        assertThat(r.bodyText()).isEqualTo(FixtureApps.SHORT_BODY_SENT);
        assertThat(r.exit()).isEqualTo(CgiServer.EXIT_INCOMPLETE);
    }

    @Test
    void theAppWritesItsErrorsToTheGivenStderr() {
        Application app = (environ, start) -> {
            environ.errors().println("a line for the error log");
            start.start(Status.OK, List.of(Header.of("Content-Length", "0")));
            return Body.empty();
        };
        Result r = run(app, get("/"), NO_BODY);
        assertThat(r.stderr()).isEqualTo("a line for the error log\n");
    }

    @Test
    void withoutRequestMethodItIsNoCgiRequestAndStdoutStaysEmpty() {
        Map<String, String> vars = get("/");
        vars.remove("REQUEST_METHOD");
        Result r = run(FixtureApps.hello(), vars, NO_BODY);
        assertThat(r.exit()).isEqualTo(CgiServer.EXIT_NOT_CGI);
        assertThat(r.head()).isEmpty();
        assertThat(r.stderr()).contains("REQUEST_METHOD is not set");
    }

    // ---- the request body on stdin ---------------------------------------------------------------

    @Test
    void readsExactlyContentLengthBytesOfStdinAndNotOneMore() {
        Result r = run(FixtureApps.echoBody(), post("name=value", "application/x-www-form-urlencoded"),
                "name=valueAND MORE THAT IS NOT THE BODY".getBytes(StandardCharsets.US_ASCII));
        assertThat(r.bodyText()).isEqualTo("name=value");
        assertThat(r.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(new String(r.stdinLeft(), StandardCharsets.US_ASCII)).isEqualTo("AND MORE THAT IS NOT THE BODY");
    }

    @Test
    void readsExactlyContentLengthBytesByteByByte() {
        Application oneByteAtATime = (environ, start) -> {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            for (int b; (b = environ.input().read()) >= 0; ) got.write(b);
            byte[] body = got.toByteArray();
            start.start(Status.OK, List.of(Header.of("Content-Length", Integer.toString(body.length))));
            return Body.of(body);
        };
        Result r = run(oneByteAtATime, post("0123456789", "text/plain"), "0123456789abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(r.bodyText()).isEqualTo("0123456789");
        assertThat(new String(r.stdinLeft(), StandardCharsets.US_ASCII)).isEqualTo("abc");
    }

    @Test
    void aShortStdinIsAnErrorTheAppSees() {
        Application catches = (environ, start) -> {
            String what;
            try {
                environ.input().readAllBytes();
                what = "read it all";
            } catch (IOException e) {
                what = e.getMessage();
            }
            return Body.of(answer(start, what));
        };
        Map<String, String> vars = post("0123456789", "text/plain");
        Result r = run(catches, vars, "0123".getBytes(StandardCharsets.US_ASCII));
        assertThat(r.bodyText()).contains("ended after 4 of its 10 bytes");
    }

    @Test
    void aShortStdinTheAppLetsThroughIsAnswered400() {
        Result r = run(FixtureApps.echoBody(), post("0123456789", "text/plain"), "0123".getBytes(StandardCharsets.US_ASCII));
        assertThat(r.status()).isEqualTo("Status: 400 Bad Request");
    }

    @Test
    void withoutContentLengthThereIsNoBodyAndStdinIsNotTouched() {
        Map<String, String> vars = request("POST", "/app.cgi", "/");
        Result r = run(FixtureApps.echoBody(), vars, "not announced".getBytes(StandardCharsets.US_ASCII));
        assertThat(r.body()).isEmpty();
        assertThat(new String(r.stdinLeft(), StandardCharsets.US_ASCII)).isEqualTo("not announced");
    }

    @Test
    void aChunkedRequestWithoutContentLengthIsReadToTheEndOfStdin() {
        // Apache mod_cgi passes a chunked body on dechunked, without CONTENT_LENGTH, and closes stdin after it.
        Map<String, String> vars = request("POST", "/app.cgi", "/");
        vars.put("HTTP_TRANSFER_ENCODING", "chunked");
        byte[] body = FixtureApps.pattern(100_000);
        Result r = run(FixtureApps.echoBody(), vars, body);
        assertThat(r.body()).isEqualTo(body);
    }

    @Test
    void aBodyTheAppReadsOnlyAfterItsAnswerStartedIsReadIntoMemoryFirst() {
        // Apache mod_cgi writes the whole body before it reads stdout: the body must be off stdin before output goes out.
        byte[] body = FixtureApps.pattern(300_000);
        Map<String, String> vars = post(new String(body, StandardCharsets.ISO_8859_1), "application/octet-stream");
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        int[] stdinLeftAtFirstOutput = {-1};
        ByteArrayOutputStream stdout = new ByteArrayOutputStream() {
            @Override
            public void write(byte[] b, int off, int len) {
                if (stdinLeftAtFirstOutput[0] < 0) stdinLeftAtFirstOutput[0] = in.available();
                super.write(b, off, len);
            }
        };
        int exit = CgiServer.run(FixtureApps.slowReader(), vars, in, stdout, new PrintStream(OutputStream.nullOutputStream()));
        Result r = split(exit, stdout.toByteArray(), "", NO_BODY);
        assertThat(stdinLeftAtFirstOutput[0]).isZero();
        assertThat(r.body()).isEqualTo(body);
    }

    // ---- the environ ---------------------------------------------------------------------------

    @Test
    void environSaysOneRequestPerProcessManyProcessesOneThread() {
        Map<String, String> environ = run(FixtureApps.environ(), get("/"), NO_BODY).environ();
        assertThat(environ).containsEntry("gateway.run_once", "true")
                .containsEntry("gateway.multithread", "false")
                .containsEntry("gateway.multiprocess", "true")
                .containsEntry("gateway.input_terminated", "true")
                .containsEntry("gateway.version", "1.0")
                .containsEntry("gateway.url_scheme", "http")
                .containsKeys("gateway.input", "gateway.errors", "gateway.file_wrapper");
    }

    @Test
    void everyVariableOfTheWebServerPassesThrough() {
        Map<String, String> vars = get("/");
        vars.put("DOCUMENT_ROOT", "/var/www");
        vars.put("SERVER_SOFTWARE", "Apache/2.4");
        vars.put("HTTP_X_CUSTOM", "caf\u00e9");
        assertThat(run(FixtureApps.environ(), vars, NO_BODY).environ()).containsEntry("DOCUMENT_ROOT", "/var/www")
                .containsEntry("SERVER_SOFTWARE", "Apache/2.4").containsEntry("HTTP_X_CUSTOM", "caf\u00e9")
                .containsEntry("GATEWAY_INTERFACE", "CGI/1.1");
    }

    @Test
    void httpsOnMakesTheSchemeHttps() {
        for (String on : List.of("on", "ON", "1", "yes")) {
            Map<String, String> vars = get("/");
            vars.put("HTTPS", on);
            assertThat(run(FixtureApps.environ(), vars, NO_BODY).environ()).as("HTTPS=" + on).containsEntry("gateway.url_scheme", "https");
        }
        Map<String, String> off = get("/");
        off.put("HTTPS", "off");
        assertThat(run(FixtureApps.environ(), off, NO_BODY).environ()).containsEntry("gateway.url_scheme", "http");
        Map<String, String> scheme = get("/");
        scheme.put("REQUEST_SCHEME", "https");
        assertThat(run(FixtureApps.environ(), scheme, NO_BODY).environ()).containsEntry("gateway.url_scheme", "https");
    }

    @Test
    void emptyContentLengthAndTypeAreRemovedAndSoAreTheirHttpTwins() {
        Map<String, String> vars = get("/");
        vars.put("CONTENT_LENGTH", "");
        vars.put("CONTENT_TYPE", "");
        vars.put("HTTP_CONTENT_LENGTH", "5");
        vars.put("HTTP_CONTENT_TYPE", "text/plain");
        assertThat(run(FixtureApps.environ(), vars, NO_BODY).environ())
                .doesNotContainKeys("CONTENT_LENGTH", "CONTENT_TYPE", "HTTP_CONTENT_LENGTH", "HTTP_CONTENT_TYPE");
    }

    @Test
    void aContentLengthThatIsNotDigitsIsAnswered400WithoutTheApp() {
        for (String bad : List.of("+5", "-1", " 5", "5 ", "0x10", "\u0665", "1234567890123456789")) {
            Map<String, String> vars = post("hello", "text/plain");
            vars.put("CONTENT_LENGTH", bad);
            Application mustNotRun = (environ, start) -> {
                throw new AssertionError("the app ran for CONTENT_LENGTH " + bad);
            };
            Result r = run(mustNotRun, vars, "hello".getBytes(StandardCharsets.US_ASCII));
            assertThat(r.status()).as("CONTENT_LENGTH=" + bad).isEqualTo("Status: 400 Bad Request");
            assertThat(r.stderr()).contains("CONTENT_LENGTH");
        }
    }

    @Test
    void missingVariablesGetTheirDefaults() {
        Map<String, String> vars = new HashMap<>();
        vars.put("REQUEST_METHOD", "GET");
        assertThat(run(FixtureApps.environ(), vars, NO_BODY).environ()).containsEntry("SCRIPT_NAME", "")
                .containsEntry("PATH_INFO", "").containsEntry("QUERY_STRING", "").containsEntry("SERVER_PROTOCOL", "HTTP/1.0")
                .containsEntry("SERVER_NAME", "localhost").containsEntry("SERVER_PORT", "80");
    }

    // ---- SCRIPT_NAME and PATH_INFO ---------------------------------------------------------------

    private static Map<String, String> paths(String scriptName, String pathInfo, String requestUri) {
        Map<String, String> vars = request("GET", scriptName, pathInfo);
        vars.put("REQUEST_URI", requestUri);
        return run(FixtureApps.environ(), vars, NO_BODY).environ();
    }

    @Test
    void aDecodedPathInfoPassesAsGiven() {
        // Apache and lighttpd decode PATH_INFO (RFC 3875 4.1.5); each byte is one ISO-8859-1 character.
        assertThat(paths("/app.cgi", "/caf\u00c3\u00a9/a b", "/app.cgi/caf%C3%A9/a%20b?q"))
                .containsEntry("SCRIPT_NAME", "/app.cgi").containsEntry("PATH_INFO", "/caf\u00c3\u00a9/a b");
    }

    @Test
    void aPathInfoStillPercentEncodedIsDecoded() {
        assertThat(paths("/app.cgi", "/caf%C3%A9/a%20b", "/app.cgi/caf%C3%A9/a%20b?q"))
                .containsEntry("PATH_INFO", "/caf\u00c3\u00a9/a b");
    }

    @Test
    void aPercentSignThatCameFromA25StaysAsItIs() {
        assertThat(paths("/app.cgi", "/100%41", "/app.cgi/100%2541")).containsEntry("PATH_INFO", "/100%41");
        assertThat(paths("/app.cgi", "/50%", "/app.cgi/50%25")).containsEntry("PATH_INFO", "/50%");
    }

    @Test
    void aScriptNameEndingInASlashGivesTheSlashToPathInfo() {
        assertThat(paths("/app/", "x", "/app/x")).containsEntry("SCRIPT_NAME", "/app").containsEntry("PATH_INFO", "/x");
    }

    @Test
    void theAppMountedAtTheRootHasAnEmptyScriptName() {
        // ScriptAliasMatch ^(.*)$ /path/app.cgi$1: Apache sets SCRIPT_NAME to the part of the URL before PATH_INFO.
        assertThat(paths("", "/some/path", "/some/path?x=1")).containsEntry("SCRIPT_NAME", "").containsEntry("PATH_INFO", "/some/path");
    }

    private static byte[] answer(dev.gatehouse.api.StartResponse start, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        start.start(Status.OK, List.of(Header.of("Content-Type", "text/plain"), Header.of("Content-Length", Integer.toString(body.length))));
        return body;
    }
}
