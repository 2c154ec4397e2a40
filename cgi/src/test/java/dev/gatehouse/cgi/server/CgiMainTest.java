package dev.gatehouse.cgi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.testkit.FixtureApps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CgiMain} as a web server runs it: a real {@code java} process per request, the request in its environment. */
class CgiMainTest {
    @TempDir
    Path dir;

    record Run(int exit, CgiServerTest.Result response, String stderr) {
    }

    /** Runs {@code command} with only {@code vars} in its environment (as a web server does) and {@code stdin} as its input. */
    private Run run(List<String> command, Map<String, String> vars, byte[] stdin) throws IOException, InterruptedException {
        Path err = dir.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(vars);
        Process process = builder.start();
        try {
            process.getOutputStream().write(stdin);
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the CGI process ended").isTrue();
            String stderr = Files.readString(err, StandardCharsets.ISO_8859_1);
            return new Run(process.exitValue(), CgiServerTest.split(process.exitValue(), out, stderr, new byte[0]), stderr);
        } finally {
            process.destroyForcibly();
        }
    }

    private Run runFixture(String fixture, Map<String, String> vars) throws IOException, InterruptedException {
        return run(CgiScripts.command(FixtureApps.class.getName() + "::" + fixture), vars, new byte[0]);
    }

    @Test
    void servesTheRequestOfItsEnvironmentAndStdin() throws Exception {
        Map<String, String> vars = CgiServerTest.post("name=value", "application/x-www-form-urlencoded");
        Run r = run(CgiScripts.command(FixtureApps.class.getName() + "::echoBody"), vars, "name=value".getBytes(StandardCharsets.US_ASCII));
        assertThat(r.response().status()).isEqualTo("Status: 200 OK");
        assertThat(r.response().bodyText()).isEqualTo("name=value");
        assertThat(r.exit()).isZero();
    }

    @Test
    void anExceptionBeforeTheHeadIsA500OnStdoutAndItsStackTraceOnStderr() throws Exception {
        Run r = runFixture("raisesBeforeHead", CgiServerTest.get("/"));
        assertThat(r.response().status()).isEqualTo("Status: 500 Internal Server Error");
        assertThat(r.response().bodyText()).doesNotContain("fixture:");
        assertThat(r.stderr()).contains("java.lang.IllegalStateException: fixture: fails before the head")
                .containsPattern("\n\\s+at dev\\.gatehouse\\.");
    }

    @Test
    void whatTheAppPrintsToSystemOutGoesToStderrNotIntoTheResponse() throws Exception {
        Run r = run(CgiScripts.command(PrintingApp.class.getName()), CgiServerTest.get("/"), new byte[0]);
        assertThat(r.response().head()).startsWith("Status: 200 OK\r\n");
        assertThat(r.response().bodyText()).isEqualTo("ok\n");
        assertThat(r.stderr()).contains(PrintingApp.PRINTED).contains(PrintingApp.PRINTED_WHEN_BUILT);
    }

    @Test
    void requestBytesThatAreNotUtf8ReachTheAppUnchangedWhateverTheLocale() throws Exception {
        // Apache puts the decoded path's raw bytes in PATH_INFO; with LANG=C the JDK's getenv would turn 0xE9 into '?'.
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "PATH_INFO=$(printf '/caf\\351\\377') exec \"$@\"", "sh"));
        command.addAll(CgiScripts.command(FixtureApps.class.getName() + "::pathEcho"));
        Map<String, String> vars = CgiServerTest.get("/ignored");
        vars.remove("PATH_INFO");
        vars.put("LANG", "C");
        vars.put("LC_ALL", "C");
        Run r = run(command, vars, new byte[0]);
        assertThat(r.response().body()).containsExactly('/', 'c', 'a', 'f', 0xE9, 0xFF);
    }

    @Test
    void anAppThatCannotBeLoadedIsAPlain500AndOneLineOnStderr() throws Exception {
        Run r = run(CgiScripts.command("com.example.Missing"), CgiServerTest.get("/"), new byte[0]);
        assertThat(r.response().status()).isEqualTo("Status: 500 Internal Server Error");
        assertThat(r.response().bodyText()).doesNotContain("com.example");
        assertThat(r.stderr().strip()).isEqualTo("gatehouse cgi: cannot load app 'com.example.Missing': class com.example.Missing not found on the class path");
        assertThat(r.exit()).isEqualTo(CgiServer.EXIT_INCOMPLETE);
    }

    @Test
    void runByHandWithoutAWebServerItSaysWhatItIsAndWritesNothingToStdout() throws Exception {
        Run r = runFixture("hello", Map.of());
        assertThat(r.exit()).isEqualTo(CgiServer.EXIT_NOT_CGI);
        assertThat(r.response().head()).isEmpty();
        assertThat(r.stderr()).contains("REQUEST_METHOD is not set");
    }

    // ---- arguments, in-process ---------------------------------------------------------------------

    @Test
    void namesAnAppByClassOrFactoryWithOrWithoutTheAppScheme() {
        assertThat(CgiMain.load(new String[] {"--app", PrintingApp.class.getName()})).isInstanceOf(PrintingApp.class);
        assertThat(CgiMain.load(new String[] {"--app=app:" + PrintingApp.class.getName()})).isInstanceOf(PrintingApp.class);
        assertThat(CgiMain.load(new String[] {"--app", FixtureApps.class.getName() + "::hello"})).isNotNull();
    }

    @Test
    void withoutAppItServesTheDemoSite() {
        // The demo lives in the examples module, not on this module's class path: the error names it.
        assertThatThrownBy(() -> CgiMain.load(new String[0])).hasMessageContaining("dev.gatehouse.examples.DemoSite");
    }

    @Test
    void badArgumentsAreOneSentenceEach() {
        assertThatThrownBy(() -> CgiMain.load(new String[] {"--port", "80"})).hasMessageContaining("unknown argument '--port'");
        assertThatThrownBy(() -> CgiMain.load(new String[] {"--app"})).hasMessage("--app needs a value");
        assertThatThrownBy(() -> CgiMain.load(new String[] {"--class-path", "/no/such/dir", "--app", "x.Y"}))
                .hasMessage("class path entry /no/such/dir does not exist");
        assertThatThrownBy(() -> CgiMain.load(new String[] {"--app", CgiMainTest.class.getName()}))
                .hasMessageContaining("does not implement dev.gatehouse.api.Application");
        assertThatThrownBy(() -> CgiMain.load(new String[] {"--app", FixtureApps.class.getName() + "::pattern"}))
                .hasMessageContaining("no public method without parameters");
    }
}
