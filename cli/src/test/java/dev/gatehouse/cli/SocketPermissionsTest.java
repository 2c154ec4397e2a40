package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.cli.config.ListenerSpec;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.testkit.RawHttpClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The mode, owner and group of a Unix socket listener, from a configuration file and from the
 * options, as they end up on the file a client (nginx, say) connects to; and names that do not
 * exist, refused before anything starts.
 */
class SocketPermissionsTest {
    /** A user and a group other than root's that Debian always has. */
    private static final String USER = "nobody";
    private static final String GROUP = "nogroup";
    private static final String GREETING = FixtureApps.Greeting.class.getName();

    @TempDir
    Path dir;

    @RegisterExtension
    final ServedCommands servers = new ServedCommands();


    /** Giving a file to another user needs root: skips with the reason, but fails when CI=true (CI runs as root). */
    private static void requireRootAndNobody() throws IOException {
        String message = null;
        if (!Files.getOwner(Path.of("/proc/self")).getName().equals("root")) {
            message = "giving a socket to another user needs root; run the tests as root (CI does)";
        } else if (!dev.gatehouse.cli.config.SocketAccess.userExists(USER) || !dev.gatehouse.cli.config.SocketAccess.groupExists(GROUP)) {
            message = "the user " + USER + " or the group " + GROUP + " is missing (Debian has both)";
        }
        if (message == null) return;
        if ("true".equals(System.getenv("CI"))) Assertions.fail(message + " (required when CI=true)");
        Assumptions.abort(message);
    }

    private static void assertModeOwnerGroup(Path socket) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-rw----");
        assertThat(Files.getOwner(socket).getName()).isEqualTo(USER);
        assertThat(Files.readAttributes(socket, PosixFileAttributes.class).group().getName()).isEqualTo(GROUP);
    }

    private static String greet(Path socket) throws IOException {
        try (RawHttpClient client = RawHttpClient.connect(UnixDomainSocketAddress.of(socket))) {
            client.send("GET /hi HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            return client.readResponse().bodyText();
        }
    }

    @Test
    void aConfiguredUnixListenerHasItsModeOwnerAndGroupOnDisk() throws Exception {
        requireRootAndNobody();
        Path socket = dir.resolve("gh.sock");
        Path config = Files.writeString(dir.resolve("site.toml"), """
                [[listen]]
                address = "unix:gh.sock"
                mode = "0660"
                owner = "%s"
                group = "%s"
                [[mount]]
                prefix = "/"
                app = "%s"
                """.formatted(USER, GROUP, GREETING));
        servers.serve("--config", config.toString());
        assertModeOwnerGroup(socket);
        assertThat(greet(socket)).isEqualTo("greeting |/hi");
    }

    @Test
    void theSocketOptionsGiveTheSameToEveryUnixListenerOfTheOptions() throws Exception {
        requireRootAndNobody();
        Path http = dir.resolve("http.sock");
        Path fastcgi = dir.resolve("fcgi.sock");
        RunningServer server = servers.serve("--http", "unix:" + http, "--http", "127.0.0.1:0", "--fastcgi", "unix:" + fastcgi,
                "--socket-mode", "0660", "--socket-owner", USER, "--socket-group", GROUP, "--app", GREETING);
        assertModeOwnerGroup(http);
        assertModeOwnerGroup(fastcgi);
        assertThat(greet(http)).isEqualTo("greeting |/hi");
        server.stop();
        assertThat(http).doesNotExist();
        assertThat(fastcgi).doesNotExist();
    }

    @Test
    void theSocketOptionsOnlyApplyToUnixListeners() {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs("--http", "127.0.0.1:0", "--http", "unix:/run/gh.sock", "--socket-mode", "666", "--app", GREETING);
        assertThat(command.fromOptions().listeners()).containsExactly(
                ListenerSpec.of(ListenerSpec.Protocol.HTTP, ListenAddress.tcp("127.0.0.1", 0)),
                new ListenerSpec(ListenerSpec.Protocol.HTTP, ListenAddress.unix(Path.of("/run/gh.sock")), "666", null, null));
    }

    private record Run(int status, List<String> err) {
    }

    private static Run gatehouse(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cmd = Gatehouse.commandLine();
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(err, true));
        return new Run(cmd.execute(args), err.toString().lines().toList());
    }

    @Test
    void anOwnerOrGroupThatDoesNotExistIsAUsageErrorOnTheCommandLine() {
        Run owner = gatehouse("serve", "--http", "unix:" + dir.resolve("a.sock"), "--socket-owner", "no-such-user-gh", "--app", GREETING);
        assertThat(owner.status()).isEqualTo(2);
        assertThat(owner.err()).singleElement().asString()
                .isEqualTo("gatehouse serve: --socket-owner: no user 'no-such-user-gh' on this system (see 'gatehouse serve --help')");
        Run group = gatehouse("serve", "--http", "unix:" + dir.resolve("a.sock"), "--socket-group", "no-such-group-gh", "--app", GREETING);
        assertThat(group.status()).isEqualTo(2);
        assertThat(group.err()).singleElement().asString()
                .isEqualTo("gatehouse serve: --socket-group: no group 'no-such-group-gh' on this system (see 'gatehouse serve --help')");
        Run mode = gatehouse("serve", "--http", "unix:" + dir.resolve("a.sock"), "--socket-mode", "rw-rw----", "--app", GREETING);
        assertThat(mode.err()).singleElement().asString().contains("--socket-mode must be octal permissions such as 0660, not 'rw-rw----'");
        Run tcpOnly = gatehouse("serve", "--http", "127.0.0.1:0", "--socket-group", GROUP, "--app", GREETING);
        assertThat(tcpOnly.status()).isEqualTo(2);
        assertThat(tcpOnly.err()).singleElement().asString().contains("--socket-group applies to unix: listeners, and none is given");
        assertThat(dir.resolve("a.sock")).as("nothing was bound").doesNotExist();
    }

    @Test
    void anOwnerOrGroupThatDoesNotExistIsAConfigErrorAtItsLine() throws Exception {
        Path config = Files.writeString(dir.resolve("site.toml"), """
                [[listen]]
                address = "unix:gh.sock"
                owner = "no-such-user-gh"
                group = "no-such-group-gh"
                [[mount]]
                prefix = "/"
                app = "%s"
                """.formatted(GREETING));
        for (String command : List.of("check", "serve")) {
            Run run = gatehouse(command, "--config", config.toString());
            assertThat(run.status()).as(command).isEqualTo(2);
            assertThat(run.err()).as(command).containsExactly(
                    config + ":3: owner: no user 'no-such-user-gh' on this system",
                    config + ":4: group: no group 'no-such-group-gh' on this system");
        }
        assertThat(dir.resolve("gh.sock")).as("nothing was bound").doesNotExist();
    }

    @Test
    void aChangeThatFailsAtStartNamesTheSocketAndWhatCouldNotBeSet() throws Exception {
        Path socket = dir.resolve("gh.sock");
        // a user removed between the check and the start; any file will do for the change
        ListenerSpec listener = new ListenerSpec(ListenerSpec.Protocol.HTTP, ListenAddress.unix(socket), null, "no-such-user-gh", null);
        Files.writeString(socket, "");
        assertThatThrownBy(() -> SocketPermissions.apply(listener, socket)).isInstanceOf(StartupException.class)
                .hasMessage("cannot give unix:" + socket + " the owner 'no-such-user-gh': there is no such user");
    }
}
