package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviours every inbound adapter must show, written once: each test starts one fixture app
 * from {@link FixtureApps} through the adapter's {@link ConformanceHarness}, sends requests and
 * checks what a client sees.
 *
 * <h2>Running it for an adapter</h2>
 * Extend this class (an {@code @Nested} inner class works, so one test class can run the suite over
 * several transports) and implement {@link #newHarness()}.
 *
 * <h2>When an adapter cannot show a behaviour</h2>
 * Override that test method, keep {@code @Test} on it (JUnit does not inherit it), and call
 * {@link #unsupported(String)} with the reason; the test is then reported as skipped with it:
 * <pre>{@code
 * @Test
 * @Override
 * public void bodyWithoutLengthIsFramedWithoutClosingTheConnection() {
 *     unsupported("CGI: the body ends when the script's stdout closes");
 * }
 * }</pre>
 */
public abstract class ConformanceSuite {
    private static final int MANY = 20;
    protected ConformanceHarness harness;

    /** A fresh, unstarted harness for one test. */
    protected abstract ConformanceHarness newHarness() throws Exception;

    /** Marks the running test as not applicable to this adapter, saying why. */
    protected static void unsupported(String reason) {
        Assumptions.abort(reason);
    }

    /**
     * Whether the fixture apps run in this JVM, so the {@link FixtureLedger} sees them. An adapter
     * that runs them in another process (CGI) returns false and loses those checks.
     */
    /**
     * True where a cut response reaches the client through a web server that drops what it had
     * buffered of it: SCGI and uwsgi mark a cut response by resetting the connection, and nginx
     * then closes its client's connection without sending the part it held. The client still
     * sees the response incomplete, which is what matters.
     */
    protected boolean cutResponsesMayLoseTheirLastBytes() {
        return false;
    }

    protected boolean fixturesRunInThisJvm() {
        return true;
    }

    @BeforeEach
    void createHarness() throws Exception {
        FixtureLedger.reset();
        harness = newHarness();
    }

    /** After every test: no server-side contract breach, and every body the app returned was closed. */
    @AfterEach
    void closeHarnessAndCheckTheLedger() throws Exception {
        if (harness != null) harness.close();
        if (!fixturesRunInThisJvm()) return;
        assertThat(FixtureLedger.serverViolations()).as("server-side breaches seen by the Validator").isEmpty();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (FixtureLedger.unclosedBodies() > 0 && System.nanoTime() < until) Thread.sleep(10);
        assertThat(FixtureLedger.unclosedBodies()).as("response bodies the server never closed").isZero();
    }

    protected TestResponse serve(Application app, TestRequest request) throws Exception {
        harness.start(app);
        return harness.send(request);
    }

    protected Map<String, String> environFor(TestRequest request) throws Exception {
        TestResponse response = serve(FixtureApps.environ(), request);
        assertThat(response.status()).as("environ fixture status").isEqualTo(200);
        return EnvironLines.parse(response.body());
    }

    // ---- status, headers, body and framing -----------------------------------------------

    @Test
    public void helloAnswersStatusHeadersAndBody() throws Exception {
        TestResponse r = serve(FixtureApps.hello(), TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(FixtureApps.HELLO.length()));
        assertThat(r.bodyText()).isEqualTo(FixtureApps.HELLO);
        assertThat(r.framing()).isEqualTo(BodyFraming.CONTENT_LENGTH);
        assertThat(r.complete()).isTrue();
        assertThat(r.connectionClosed()).as("closed after a complete response").isFalse();
    }

    @Test
    public void bodyWithoutLengthIsFramedWithoutClosingTheConnection() throws Exception {
        TestResponse r = serve(FixtureApps.streamed(), TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo(FixtureApps.STREAMED_TEXT);
        assertThat(r.framing()).isIn(BodyFraming.CHUNKED, BodyFraming.TRANSPORT);
        assertThat(r.complete()).isTrue();
        assertThat(r.connectionClosed()).isFalse();
    }

    @Test
    public void largeResponseBodyWithLengthArrivesWhole() throws Exception {
        TestResponse r = serve(FixtureApps.largeBody(), TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(FixtureApps.LARGE_BODY_BYTES));
        assertSameBytes(r.body(), FixtureApps.largeBodyContent());
        assertThat(r.complete()).isTrue();
    }

    @Test
    public void largeResponseBodyWithoutLengthArrivesWhole() throws Exception {
        TestResponse r = serve(FixtureApps.largeStreamedBody(), TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(200);
        assertSameBytes(r.body(), FixtureApps.largeBodyContent());
        assertThat(r.complete()).isTrue();
    }

    @Test
    public void fileBodyArrivesWhole() throws Exception {
        TestResponse r = serve(FixtureApps.fileBody(), TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(FixtureApps.FILE_BODY_BYTES));
        assertSameBytes(r.body(), FixtureApps.fileBodyContent());
    }

    @Test
    public void fileRegionSendsExactlyThatRegion() throws Exception {
        TestResponse r = serve(FixtureApps.fileRegionBody(), TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(200);
        byte[] expected = java.util.Arrays.copyOfRange(FixtureApps.fileBodyContent(), (int) FixtureApps.FILE_REGION_START,
                (int) (FixtureApps.FILE_REGION_START + FixtureApps.FILE_REGION_LENGTH));
        assertSameBytes(r.body(), expected);
    }

    @Test
    public void writeCallableBytesComeBeforeTheReturnedBody() throws Exception {
        TestResponse r = serve(FixtureApps.writeCallable(), TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo(FixtureApps.WRITTEN_PART + FixtureApps.RETURNED_PART);
        assertThat(r.complete()).isTrue();
    }

    @Test
    public void bodyLongerThanItsContentLengthIsCutAtTheDeclaredLength() throws Exception {
        TestResponse r = serve(FixtureApps.overLongBody(), TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(FixtureApps.OVER_LONG_BODY_DECLARED));
        assertThat(r.bodyText()).isEqualTo(FixtureApps.OVER_LONG_BODY_SENT.substring(0, FixtureApps.OVER_LONG_BODY_DECLARED));
    }

    @Test
    public void bodyShorterThanItsContentLengthIsSeenTruncatedAndTheConnectionCloses() throws Exception {
        TestResponse r = serve(FixtureApps.shortBody(), TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(FixtureApps.SHORT_BODY_DECLARED));
        assertThat(r.bodyText()).isEqualTo(FixtureApps.SHORT_BODY_SENT);
        assertThat(r.complete()).as("the client must see the body cut short").isFalse();
        assertThat(r.connectionClosed()).isTrue();
    }

    // ---- HEAD and bodyless statuses --------------------------------------------------------

    @Test
    public void headGetsTheHeadersOfGetButNoBody() throws Exception {
        TestResponse r = serve(FixtureApps.hello(), TestRequest.head("/"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(FixtureApps.HELLO.length()));
        assertThat(r.body()).isEmpty();
        assertThat(r.connectionClosed()).isFalse();
    }

    @Test
    public void headOfABodyWithoutLengthHasNoBody() throws Exception {
        TestResponse r = serve(FixtureApps.streamed(), TestRequest.head("/"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(r.connectionClosed()).isFalse();
    }

    @Test
    public void headAwareAppKeepsItsContentLengthWithAnEmptyBody() throws Exception {
        harness.start(FixtureApps.headAware());
        TestResponse head = harness.send(TestRequest.head("/"));
        TestResponse get = harness.send(TestRequest.get("/"));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(FixtureApps.HEAD_AWARE_BODY.length()));
        assertThat(head.body()).isEmpty();
        assertThat(get.bodyText()).isEqualTo(FixtureApps.HEAD_AWARE_BODY);
    }

    @Test
    public void noContentHasNoBodyAndNoLength() throws Exception {
        TestResponse r = serve(FixtureApps.noContent(), TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(r.hasHeader("Content-Length")).as("Content-Length on a 204 (RFC 9110 8.6)").isFalse();
        assertThat(r.hasHeader("Transfer-Encoding")).as("Transfer-Encoding on a 204 (RFC 9112 6.1)").isFalse();
        assertThat(r.connectionClosed()).isFalse();
    }

    // ---- application errors ----------------------------------------------------------------

    @Test
    public void excInfoReplacesTheResponseBeforeItsHeadWasSent() throws Exception {
        TestResponse r = serve(FixtureApps.excInfoReplace(), TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.bodyText()).isEqualTo(FixtureApps.EXC_INFO_BODY);
        assertThat(r.complete()).isTrue();
    }

    @Test
    public void exceptionBeforeTheHeadIsAnswered500() throws Exception {
        TestResponse r = serve(FixtureApps.raisesBeforeHead(), TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.complete()).isTrue();
        assertThat(r.bodyText()).doesNotContain("fixture:"); // no exception detail leaks to the client
    }

    @Test
    public void exceptionAfterTheHeadCutsTheResponseShort() throws Exception {
        TestResponse r = serve(FixtureApps.raisesAfterHead(), TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(200);
        if (cutResponsesMayLoseTheirLastBytes()) assertThat(FixtureApps.RAISES_AFTER_HEAD_FIRST_CHUNK).startsWith(r.bodyText());
        else assertThat(r.bodyText()).isEqualTo(FixtureApps.RAISES_AFTER_HEAD_FIRST_CHUNK);
        assertThat(r.complete()).as("a client must be able to tell the body is incomplete").isFalse();
        assertThat(r.connectionClosed()).isTrue();
    }

    @Test
    public void hopByHopHeaderFromTheAppIsAnswered500() throws Exception {
        TestResponse r = serve(FixtureApps.hopByHopHeader(), TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.bodyText()).doesNotContain("must not be seen");
    }

    // ---- request bodies ----------------------------------------------------------------------

    @Test
    public void requestBodyWithLengthReachesTheApp() throws Exception {
        TestResponse r = serve(FixtureApps.echoBody(),
                TestRequest.post("/", "name=value&x=1").withHeader("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo("name=value&x=1");
        assertThat(r.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    }

    @Test
    public void chunkedRequestBodyReachesTheAppDechunked() throws Exception {
        byte[] body = FixtureApps.pattern(100_000);
        TestResponse r = serve(FixtureApps.echoBody(), TestRequest.post("/", body).asChunked());
        assertThat(r.status()).isEqualTo(200);
        assertSameBytes(r.body(), body);
    }

    @Test
    public void chunkedRequestHasNoContentLengthAndATerminatedInput() throws Exception {
        Map<String, String> environ = environFor(TestRequest.post("/", "some body").asChunked());
        assertThat(environ).doesNotContainKey("CONTENT_LENGTH");
        assertThat(environ).containsEntry("gateway.input_terminated", "true");
    }

    @Test
    public void largeRequestBodyWithLengthReachesTheApp() throws Exception {
        byte[] body = FixtureApps.largeBodyContent();
        TestResponse r = serve(FixtureApps.echoBody(), TestRequest.post("/", body));
        assertThat(r.status()).isEqualTo(200);
        assertSameBytes(r.body(), body);
    }

    @Test
    public void largeChunkedRequestBodyReachesTheApp() throws Exception {
        byte[] body = FixtureApps.largeBodyContent();
        TestResponse r = serve(FixtureApps.echoBody(), TestRequest.post("/", body).asChunked());
        assertThat(r.status()).isEqualTo(200);
        assertSameBytes(r.body(), body);
    }

    @Test
    public void appReadingTheBodyLateAndSlowlyGetsAllOfIt() throws Exception {
        byte[] body = FixtureApps.pattern(1_000_003);
        TestResponse r = serve(FixtureApps.slowReader(), TestRequest.post("/", body));
        assertThat(r.status()).isEqualTo(200);
        assertSameBytes(r.body(), body);
        assertThat(r.complete()).isTrue();
    }

    @Test
    public void appThatDoesNotReadTheBodyStillAnswers() throws Exception {
        TestResponse r = serve(FixtureApps.ignoresBody(), TestRequest.post("/", FixtureApps.pattern(100_000)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo(FixtureApps.IGNORED_BODY_ANSWER);
    }

    // ---- the environ ---------------------------------------------------------------------------

    @Test
    public void environCarriesTheRequestLine() throws Exception {
        Map<String, String> environ = environFor(TestRequest.get("/some/path?x=1&y=2"));
        assertThat(environ).containsEntry("REQUEST_METHOD", "GET")
                .containsEntry("SCRIPT_NAME", "")
                .containsEntry("PATH_INFO", "/some/path")
                .containsEntry("QUERY_STRING", "x=1&y=2")
                .containsEntry("SERVER_PROTOCOL", "HTTP/1.1");
    }

    @Test
    public void environCarriesTheGatewayKeys() throws Exception {
        Map<String, String> environ = environFor(TestRequest.get("/"));
        assertThat(environ).containsEntry("gateway.version", "1.0")
                .containsEntry("gateway.url_scheme", "http")
                .containsKeys("gateway.input", "gateway.errors", "SERVER_NAME", "SERVER_PORT");
        for (String flag : List.of("gateway.multithread", "gateway.multiprocess", "gateway.run_once")) {
            assertThat(environ.get(flag)).as(flag).isIn("true", "false");
        }
    }

    @Test
    public void otherMethodsArriveAsSent() throws Exception {
        harness.start(FixtureApps.environ());
        for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS")) {
            TestRequest request = new TestRequest(method, "/", List.of(), new byte[0], false);
            assertThat(EnvironLines.parse(harness.send(request).body())).containsEntry("REQUEST_METHOD", method);
        }
    }

    @Test
    public void pathInfoIsPercentDecodedToItsRawBytes() throws Exception {
        TestResponse r = serve(FixtureApps.pathEcho(), TestRequest.get("/caf%C3%A9/%E2%9C%93/a%20b/c%3Fd"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("/café/✓/a b/c?d");
    }

    @Test
    public void pathInfoKeepsPlusSignsAsThemselves() throws Exception {
        TestResponse r = serve(FixtureApps.pathEcho(), TestRequest.get("/a+b/c%2Bd"));
        assertThat(r.bodyText()).isEqualTo("/a+b/c+d");
    }

    @Test
    public void queryStringIsPassedRawWithoutTheQuestionMark() throws Exception {
        TestResponse r = serve(FixtureApps.queryEcho(), TestRequest.get("/q?a=1&b=%20+c&d=%C3%A9&flag"));
        assertThat(r.bodyText()).isEqualTo("a=1&b=%20+c&d=%C3%A9&flag");
    }

    @Test
    public void queryStringIsEmptyWithoutAQuery() throws Exception {
        Map<String, String> environ = environFor(TestRequest.get("/no/query"));
        assertThat(environ).containsEntry("QUERY_STRING", "");
    }

    @Test
    public void requestUriIsTheTargetAsSent() throws Exception {
        Map<String, String> environ = environFor(TestRequest.get("/a%20b/c?x=%41"));
        assertThat(environ).containsEntry("REQUEST_URI", "/a%20b/c?x=%41");
    }

    @Test
    public void contentTypeAndLengthAreCgiVariablesNotHttpOnes() throws Exception {
        Map<String, String> environ = environFor(TestRequest.post("/", "hello").withHeader("Content-Type", "text/x-test"));
        assertThat(environ).containsEntry("CONTENT_TYPE", "text/x-test")
                .containsEntry("CONTENT_LENGTH", "5")
                .doesNotContainKeys("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH");
    }

    @Test
    public void requestWithoutContentTypeHasNoContentType() throws Exception {
        Map<String, String> environ = environFor(TestRequest.get("/"));
        assertThat(environ.getOrDefault("CONTENT_TYPE", "")).isEmpty();
    }

    @Test
    public void requestHeadersBecomeHttpVariables() throws Exception {
        Map<String, String> environ = environFor(TestRequest.get("/")
                .withHeader("X-Custom-Thing", "some value")
                .withHeader("User-Agent", "conformance/1.0")
                .withHeader("Accept", "text/plain"));
        assertThat(environ).containsEntry("HTTP_X_CUSTOM_THING", "some value")
                .containsEntry("HTTP_USER_AGENT", "conformance/1.0")
                .containsEntry("HTTP_ACCEPT", "text/plain")
                .containsKey("HTTP_HOST");
    }

    @Test
    public void namedRequestHeaderReachesTheApp() throws Exception {
        TestResponse r = serve(FixtureApps.headerEcho(), TestRequest.get("/?X-Test-Header").withHeader("x-test-header", "echo me"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo("echo me");
    }

    @Test
    public void headerValueBytesAboveAsciiArriveUnchanged() throws Exception {
        // obs-text is allowed in field values (RFC 9110 5.5); the environ keeps each byte as one ISO-8859-1 char.
        TestResponse r = serve(FixtureApps.headerEcho(), TestRequest.get("/?X-Latin").withHeader("X-Latin", "caf\u00e9 \u00ff"));
        assertThat(r.body()).containsExactly('c', 'a', 'f', 0xE9, ' ', 0xFF);
    }

    // ---- many requests -------------------------------------------------------------------------

    @Test
    public void manyRequestsInARowAreAllAnswered() throws Exception {
        harness.start(FixtureApps.hello());
        for (int i = 0; i < MANY; i++) {
            assertThat(harness.send(TestRequest.get("/" + i)).bodyText()).as("request %d", i).isEqualTo(FixtureApps.HELLO);
        }
    }

    @Test
    public void concurrentRequestsAreAnsweredIndependently() throws Exception {
        harness.start(FixtureApps.pathEcho());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TestResponse>> futures = new ArrayList<>();
            for (int i = 0; i < MANY * 2; i++) {
                String path = "/request/" + i;
                futures.add(pool.submit(() -> harness.send(TestRequest.get(path))));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get(60, TimeUnit.SECONDS).bodyText()).isEqualTo("/request/" + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Compares big byte arrays with a message that names the first difference instead of dumping both. */
    protected static void assertSameBytes(byte[] actual, byte[] expected) {
        int mismatch = java.util.Arrays.mismatch(actual, expected);
        assertThat(mismatch).as("first differing byte (actual %d bytes, expected %d)", actual.length, expected.length)
                .isEqualTo(-1);
    }
}
