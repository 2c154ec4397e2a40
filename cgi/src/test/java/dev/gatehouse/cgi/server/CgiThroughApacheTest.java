package dev.gatehouse.cgi.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.EnvironLines;
import dev.gatehouse.testkit.FixtureApps;
import dev.gatehouse.testkit.HttpHarness;
import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import dev.gatehouse.testkit.TestRequest;
import dev.gatehouse.testkit.TestResponse;
import dev.gatehouse.testkit.peers.ApacheLauncher;
import dev.gatehouse.testkit.peers.PeerProcess;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Apache httpd's mod_cgi does with a Gatehouse CGI script beyond the conformance suite: the
 * parts of the suite's tests that survive mod_cgi's own framing, the stack trace in Apache's error
 * log, the script mounted under a path, and the wrapper shipped in {@code src/main/dist} run as
 * docs/cgi.md installs it (ScriptAlias, and .htaccess with {@code Options +ExecCGI}).
 */
class CgiThroughApacheTest {
    private static final Path DIST_WRAPPER = Path.of("src/main/dist/gatehouse.cgi");
    private final List<AutoCloseable> running = new ArrayList<>();
    private PeerProcess apache;

    @BeforeEach
    void needApache() {
        ApacheLauncher.require();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) running.get(i).close();
    }

    /** Apache with {@code config}; stopped after the test. */
    private PeerProcess apache(List<String> modules, String config) throws IOException {
        apache = ApacheLauncher.start(modules, config);
        running.add(apache);
        return apache;
    }

    /** A script directory with {@code app.cgi} for {@code fixture}; removed after the test. */
    private Path script(String fixture) throws IOException {
        Path script = CgiScripts.write(FixtureApps.class.getName() + "::" + fixture);
        running.add(() -> CgiScripts.delete(script));
        return script;
    }

    /** Apache running {@code fixture} for every path, as the conformance suite does. */
    private SocketAddress rootApp(String fixture) throws IOException {
        return apache(List.of("cgi", "alias"), "ScriptAliasMatch \"^(.*)$\" \"" + script(fixture) + "$1\"").address();
    }

    private static TestResponse send(SocketAddress server, TestRequest request) throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(server)) {
            client.send(HttpHarness.encode(request));
            RawResponse response = client.readFinalResponse(request.method());
            return response.toTestResponse(response.connectionClosed());
        }
    }

    @Test
    void bodiesWithALengthArriveWholeWhateverFramingApacheChooses() throws Exception {
        SocketAddress server = rootApp("largeBody");
        TestResponse r = send(server, TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(FixtureApps.largeBodyContent());
        assertThat(r.complete()).isTrue();
    }

    @Test
    void aStreamedBodyArrivesWholeOnAConnectionThatStaysOpen() throws Exception {
        TestResponse r = send(rootApp("streamed"), TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo(FixtureApps.STREAMED_TEXT);
        assertThat(r.complete()).isTrue();
        assertThat(r.connectionClosed()).isFalse();
    }

    @Test
    void aFileBodyArrivesWhole() throws Exception {
        TestResponse r = send(rootApp("fileBody"), TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(FixtureApps.fileBodyContent());
    }

    @Test
    void aBodyLongerThanItsLengthIsCutAtTheLength() throws Exception {
        TestResponse r = send(rootApp("overLongBody"), TestRequest.get("/"));
        assertThat(r.bodyText()).isEqualTo(FixtureApps.OVER_LONG_BODY_SENT.substring(0, FixtureApps.OVER_LONG_BODY_DECLARED));
    }

    @Test
    void headGetsTheStatusAndNoBody() throws Exception {
        SocketAddress server = rootApp("headAware");
        TestResponse head = send(server, TestRequest.head("/"));
        TestResponse get = send(server, TestRequest.get("/"));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(head.body()).isEmpty();
        assertThat(get.bodyText()).isEqualTo(FixtureApps.HEAD_AWARE_BODY);
    }

    @Test
    void theStackTraceOfAnErrorBeforeTheHeadIsInApachesErrorLog() throws Exception {
        TestResponse r = send(rootApp("raisesBeforeHead"), TestRequest.get("/"));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.bodyText()).doesNotContain("fixture:");
        // mod_cgi logs the script's stderr after it has sent the response: wait for the lines (bounded).
        String log = awaitLog("fixture: fails before the head");
        assertThat(log).contains("java.lang.IllegalStateException: fixture: fails before the head").contains("at dev.gatehouse.");
    }

    @Test
    void aScriptUnderAPathHasItInScriptNameAndTheRestInPathInfo() throws Exception {
        Path script = script("environ");
        SocketAddress server = apache(List.of("cgi", "alias"), "ScriptAlias /apps/env \"" + script + "\"").address();
        Map<String, String> environ = EnvironLines.parse(send(server, TestRequest.get("/apps/env/a%20b/c?x=1")).body());
        assertThat(environ).containsEntry("SCRIPT_NAME", "/apps/env").containsEntry("PATH_INFO", "/a b/c")
                .containsEntry("QUERY_STRING", "x=1").containsEntry("REQUEST_URI", "/apps/env/a%20b/c?x=1")
                .containsEntry("gateway.run_once", "true").containsEntry("GATEWAY_INTERFACE", "CGI/1.1");
    }

    @Test
    void theDistributedWrapperRunsFromAScriptAliasDirectory() throws Exception {
        Path dir = wrapperDir();
        Path wrapper = installWrapper(dir, "gatehouse.cgi", "environ", dir.resolve("no-such.aot"));
        SocketAddress server = apache(List.of("cgi", "alias"), "ScriptAlias /cgi-bin/ \"" + dir + "/\"").address();
        Map<String, String> environ = EnvironLines.parse(send(server, TestRequest.get("/cgi-bin/" + wrapper.getFileName() + "/x")).body());
        assertThat(environ).containsEntry("SCRIPT_NAME", "/cgi-bin/gatehouse.cgi").containsEntry("PATH_INFO", "/x");
    }

    @Test
    void theDistributedWrapperRunsWhereHtaccessAllowsExecCgi() throws Exception {
        Path dir = wrapperDir();
        installWrapper(dir, "app.cgi", "hello", dir.resolve("no-such.aot"));
        Files.writeString(dir.resolve(".htaccess"), "Options +ExecCGI\nAddHandler cgi-script .cgi\n");
        SocketAddress server = apache(List.of("cgi", "alias", "mime"), """
                TypesConfig /dev/null
                Alias /site "%1$s"
                <Directory "%1$s">
                    AllowOverride Options FileInfo
                </Directory>
                """.formatted(dir)).address();
        TestResponse r = send(server, TestRequest.get("/site/app.cgi"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo(FixtureApps.HELLO);
    }

    @Test
    void aBrokenAotCacheCannotCorruptTheResponse() throws Exception {
        // The JVM reports an unusable cache on stdout unless told otherwise; the wrapper's -Xlog options send it to stderr.
        Path dir = wrapperDir();
        Path aot = dir.resolve("broken.aot");
        Files.writeString(aot, "not an AOT cache");
        Path wrapper = installWrapper(dir, "app.cgi", "hello", aot);
        SocketAddress server = apache(List.of("cgi", "alias"), "ScriptAlias /app \"" + wrapper + "\"").address();
        TestResponse r = send(server, TestRequest.get("/app"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo(FixtureApps.HELLO);
    }

    private Path wrapperDir() throws IOException {
        Path dir = Files.createTempDirectory("gatehouse-cgi-dist-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        running.add(() -> {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        });
        return dir;
    }

    /** The shipped wrapper with its four settings pointed at this JDK, this test run's classes, a fixture and {@code aot}. */
    private static Path installWrapper(Path dir, String name, String fixture, Path aot) throws IOException {
        String text = Files.readString(DIST_WRAPPER);
        text = setting(text, "java", CgiScripts.JAVA.toString());
        text = setting(text, "classpath", CgiScripts.classPath());
        text = setting(text, "app", FixtureApps.class.getName() + "::" + fixture);
        text = setting(text, "aot", aot.toString());
        Path wrapper = dir.resolve(name);
        Files.writeString(wrapper, text);
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        return wrapper;
    }

    private static String setting(String script, String name, String value) {
        String line = script.lines().filter(l -> l.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("the wrapper has no '" + name + "=' line"));
        return script.replace(line, name + "='" + value + "'");
    }

    private String awaitLog(String text) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String log = apache.logs();
        while (!log.contains(text) && System.nanoTime() < until) {
            Thread.sleep(50);
            log = apache.logs();
        }
        return new String(log.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
