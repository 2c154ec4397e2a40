package dev.gatehouse.fastcgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScriptSplitTest {
    @Test
    void splitsAfterTheFirstPhpSegment() {
        assertThat(ScriptSplit.of("/echo.php")).isEqualTo(new ScriptSplit("/echo.php", ""));
        assertThat(ScriptSplit.of("/app/index.php/users/7")).isEqualTo(new ScriptSplit("/app/index.php", "/users/7"));
        assertThat(ScriptSplit.of("/a.phpx/b.php/c")).isEqualTo(new ScriptSplit("/a.phpx/b.php", "/c"));
    }

    @Test
    void directoryMeansItsIndex() {
        assertThat(ScriptSplit.of("")).isEqualTo(new ScriptSplit("/index.php", ""));
        assertThat(ScriptSplit.of("/blog/")).isEqualTo(new ScriptSplit("/blog/index.php", ""));
    }

    @Test
    void otherScriptsAreTheWholePath() {
        assertThat(ScriptSplit.of("/hello.sh")).isEqualTo(new ScriptSplit("/hello.sh", ""));
        assertThat(ScriptSplit.of("/dir/.php/x")).isEqualTo(new ScriptSplit("/dir/.php/x", ""));
    }

    @Test
    void refusesPathsThatLeaveTheRoot() {
        assertThat(ScriptSplit.of("/../etc/passwd")).isNull();
        assertThat(ScriptSplit.of("/a/./b.php")).isNull();
        assertThat(ScriptSplit.of("/a.php\0.txt")).isNull();
        assertThat(ScriptSplit.of("/a\\..\\b.php")).isNull();
    }
}
