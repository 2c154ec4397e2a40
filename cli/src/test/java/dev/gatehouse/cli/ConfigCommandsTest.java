package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gatehouse check}, and the file's problems as {@code serve --config} and {@code reload} report them. */
class ConfigCommandsTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, List<String> err) {
    }

    private static Run gatehouse(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Gatehouse.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int status = cmd.execute(args);
        return new Run(status, out.toString(), err.toString().lines().toList());
    }

    private Path config(String text) throws Exception {
        return Files.writeString(dir.resolve("site.toml"), text);
    }

    @Test
    void checkSaysOkWithASummary() throws Exception {
        Files.createDirectories(dir.resolve("www"));
        Path file = config("""
                [[listen]]
                address = "127.0.0.1:0"
                [[mount]]
                prefix = "/"
                app = "%s"
                [[mount]]
                prefix = "/static"
                app = "files:${CONFIG_DIR}/www"
                """.formatted(FixtureApps.Greeting.class.getName()));
        Run run = gatehouse("check", "--config", file.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(file + ": ok (1 listener, 1 host, 2 mounts)\n");
        assertThat(run.status()).isZero();
    }

    @Test
    void checkReportsEveryProblemAtItsLineAndExits2() throws Exception {
        Path file = config("""
                [[listen]]
                address = "nowhere"

                [[mount]]
                prefix = "/"
                app = "com.example.Missing"

                [[mount]]
                prefix = "/static"
                app = "files:${CONFIG_DIR}/no-such-dir"

                [[mount]]
                prefix = "/old"
                app = "gopher://host"

                [[mount]]
                prefix = "/php"
                app = "fastcgi+spawn:no-such-program-gatehouse"
                """);
        Run run = gatehouse("check", "--config", file.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).hasSize(5);
        assertThat(run.err().get(0)).isEqualTo(file + ":2: bad listen address: expected HOST:PORT or unix:PATH, got 'nowhere'");
        assertThat(run.err().get(1)).startsWith(file + ":6: cannot load app 'com.example.Missing': class com.example.Missing not found");
        assertThat(run.err().get(2)).startsWith(file + ":10: cannot mount files:" + dir.resolve("no-such-dir"));
        assertThat(run.err().get(3)).startsWith(file + ":14: unknown kind of app 'gopher:'");
        assertThat(run.err().get(4)).isEqualTo(file + ":18: cannot mount fastcgi+spawn:no-such-program-gatehouse: "
                + "the program 'no-such-program-gatehouse' is not on the PATH");
    }

    @Test
    void aBrokenClassPathStillLetsTheOtherMountsBeChecked() throws Exception {
        Path file = config("""
                class-path = ["no-such-lib"]
                [[mount]]
                prefix = "/"
                app = "com.example.Missing"
                [[mount]]
                prefix = "/static"
                app = "files:/no/such/dir"
                """);
        Run run = gatehouse("check", "--config", file.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).hasSize(2);
        assertThat(run.err().get(0)).isEqualTo(file + ":1: class-path: " + dir.resolve("no-such-lib") + " does not exist");
        assertThat(run.err().get(1)).startsWith(file + ":7: cannot mount files:/no/such/dir");
    }

    @Test
    void aMountThatRequiresAMissingProgramIsLeftOutNotAnError() throws Exception {
        Path file = config("""
                [[mount]]
                prefix = "/php"
                app = "fastcgi+spawn:no-such-program-gatehouse"
                requires = "no-such-program-gatehouse"
                """);
        assertThat(gatehouse("check", "--config", file.toString()).status()).isZero();
    }

    @Test
    void serveRefusesABadFileBeforeStartingAnything() throws Exception {
        Path file = config("""
                [[listen]]
                address = "127.0.0.1:0"
                [[mount]]
                prefix = "/"
                app = "com.example.Missing"
                gzip = 1
                """);
        Run run = gatehouse("serve", "--config", file.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).containsExactly(
                file + ":5: cannot load app 'com.example.Missing': class com.example.Missing not found on the class path (add it with --class-path)",
                file + ":6: 'gzip' must be true or false, not a number");
    }

    @Test
    void serveRefusesOtherSiteOptionsBesideAConfigFile() throws Exception {
        Run run = gatehouse("serve", "--config", config("").toString(), "--mount", "/=x.Y");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).singleElement().asString().contains("--config cannot be combined with --mount");
    }

    @Test
    void aSyntaxErrorIsReportedAtItsLine() throws Exception {
        Path file = config("[[mount]]\nprefix = \"/\"\napp = \n");
        Run run = gatehouse("check", "--config", file.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).singleElement().asString().startsWith(file + ":3: ");
    }

    @Test
    void reloadWithoutARunningServerSaysSo() throws Exception {
        Path file = config("""
                pid-file = "gh.pid"
                [[mount]]
                prefix = "/"
                app = "%s"
                """.formatted(FixtureApps.Greeting.class.getName()));
        Run run = gatehouse("reload", "--config", file.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).singleElement().asString().startsWith("gatehouse: cannot read the pid file " + dir.resolve("gh.pid"));
        Files.writeString(dir.resolve("gh.pid"), "999999999\n");
        assertThat(gatehouse("reload", "--config", file.toString()).err()).singleElement().asString()
                .isEqualTo("gatehouse: no process 999999999 is running (the pid file " + dir.resolve("gh.pid") + " is stale)");
    }
}
