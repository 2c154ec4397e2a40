package dev.gatehouse.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendCommandTest {
    @Test
    void splitsWordsLikeAShellWithoutExpandingAnything() {
        assertThat(BackendCommand.parse("  php-cgi   -d  display_errors=0 ").argv()).containsExactly("php-cgi", "-d", "display_errors=0");
        assertThat(BackendCommand.parse("sh -c 'exec app $HOME *'").argv()).containsExactly("sh", "-c", "exec app $HOME *");
        assertThat(BackendCommand.parse("echo \"a \\\"b\\\" \\\\ \\n\"").argv()).containsExactly("echo", "a \"b\" \\ \\n");
        assertThat(BackendCommand.parse("a\\ b c''d \"\"").argv()).containsExactly("a b", "cd", "");
        assertThat(BackendCommand.parse("prog\targ").argv()).containsExactly("prog", "arg");
    }

    @Test
    void rejectsWhatItCannotSplitSafely() {
        assertThatThrownBy(() -> BackendCommand.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> BackendCommand.parse("   ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> BackendCommand.parse("sh -c 'exit")).hasMessageContaining("unterminated '");
        assertThatThrownBy(() -> BackendCommand.parse("echo \"x")).hasMessageContaining("unterminated \"");
        assertThatThrownBy(() -> BackendCommand.parse("echo x\\")).hasMessageContaining("backslash");
        assertThatThrownBy(() -> BackendCommand.parse("echo a\nb")).hasMessageContaining("control character");
        assertThatThrownBy(() -> BackendCommand.of("a\0b")).hasMessageContaining("NUL");
    }

    @Test
    void thePlaceholderChoosesHowTheSocketIsHandedOver() {
        assertThat(BackendCommand.parse("php-cgi").handoff()).isEqualTo(SocketHandoff.STDIN);
        assertThat(BackendCommand.parse("php-cgi -b {socket}").handoff()).isEqualTo(SocketHandoff.UNIX_PATH);
        assertThat(BackendCommand.parse("app --fastcgi unix:{socket}").handoff()).isEqualTo(SocketHandoff.UNIX_PATH);
        assertThat(BackendCommand.parse("app --port={port}").handoff()).isEqualTo(SocketHandoff.TCP_PORT);
        assertThatThrownBy(() -> BackendCommand.parse("app {socket} {port}")).hasMessageContaining("not both");
    }

    @Test
    void expandsThePlaceholdersInEveryArgument() {
        assertThat(BackendCommand.parse("app --fastcgi unix:{socket} --also={socket}").expand("/run/x/1-1.sock", 0))
                .containsExactly("app", "--fastcgi", "unix:/run/x/1-1.sock", "--also=/run/x/1-1.sock");
        assertThat(BackendCommand.parse("app 127.0.0.1:{port}").expand(null, 40123)).containsExactly("app", "127.0.0.1:40123");
    }

    @Test
    void addsEnvironmentAndNamesItsProgram() {
        BackendCommand c = BackendCommand.parse("/usr/bin/php-cgi").withEnvironment(Map.of("PHP_FCGI_CHILDREN", "2"))
                .withEnvironment(Map.of("A", "b"));
        assertThat(c.environment()).containsEntry("PHP_FCGI_CHILDREN", "2").containsEntry("A", "b");
        assertThat(c.programName()).isEqualTo("php-cgi");
        assertThat(c.toString()).isEqualTo("/usr/bin/php-cgi");
        assertThatThrownBy(() -> c.withEnvironment(Map.of("A=B", "c"))).hasMessageContaining("environment variable");
        assertThat(BackendCommand.of(List.of("x")).directory()).isNull();
    }
}
