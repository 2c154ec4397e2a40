package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The command as a user meets it: help, exit codes, and one-line errors. */
class GatehouseTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Gatehouse.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: gatehouse", "serve", "Serve applications over HTTP/1.1", "--version");
    }

    @Test
    void serveHelpDescribesEveryOptionWithItsDefault() {
        assertThat(run("serve", "--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains("--app=SPEC", "--mount=PREFIX=SPEC", "--http=ADDRESS", "--access-log=PATH|-",
                "--class-path=PATH", "(repeatable; default: 127.0.0.1:8080 unless --fastcgi, --scgi or --uwsgi is given)", "--fastcgi=ADDRESS", "--scgi=ADDRESS", "--uwsgi=ADDRESS",
                "--max-connections=N", "(default: 10000)",
                "--max-body-size=SIZE", "(default: 1g)",
                "--header-timeout=TIME", "(default: 30s)",
                "--body-timeout=TIME", "(default: 1m)",
                "--keep-alive-timeout=TIME", "(default: 15s)",
                "--write-timeout=TIME", "(default: 1m)",
                "--max-requests-per-connection=N", "(default: 1000)",
                "--shutdown-grace=TIME", "(default: 30s)",
                "Examples:");
    }

    @Test
    void helpCommandShowsASubcommandsHelp() {
        assertThat(run("help", "serve")).isZero();
        assertThat(out.toString()).contains("Usage: gatehouse serve");
    }

    @Test
    void anUnknownOptionIsOneLineAndExitCode2() {
        assertThat(run("serve", "--bogus")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("gatehouse serve: Unknown option: '--bogus' (see 'gatehouse serve --help')" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aBadValueIsOneLineAndExitCode2() {
        assertThat(run("serve", "--max-body-size", "10x")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString()
                .contains("'--max-body-size'", "'10x' is not a size");
    }

    @Test
    void twoAppsAtOnePrefixIsAUsageError() {
        assertThat(run("serve", "--app", "a.B", "--mount", "/=c.D")).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().contains("two apps are mounted at /");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().contains("a command is needed");
    }

    @Test
    void anAppThatCannotBeLoadedIsOneLineAndExitCode1() {
        assertThat(run("serve", "--app", "com.example.Missing", "--http", "127.0.0.1:0")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("gatehouse: cannot load app 'com.example.Missing': class com.example.Missing "
                + "not found on the class path (add it with --class-path)" + System.lineSeparator());
    }

    @Test
    void anUnknownKindOfMountNamesTheSupportedOnes() {
        assertThat(run("serve", "--mount", "/old=gopher://127.0.0.1:70", "--http", "127.0.0.1:0")).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString()
                .contains("unknown kind of app 'gopher:'", "supported: app:CLASS", "fastcgi://HOST:PORT");
    }

    @Test
    void versionNamesTheProgram() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("gatehouse ");
    }
}
