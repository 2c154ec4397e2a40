package dev.gatehouse.cgi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgiScriptTest {
    @TempDir
    Path dir;
    private Path root;

    @BeforeEach
    void scripts() throws Exception {
        root = Files.createDirectories(dir.resolve("cgi-bin")).toRealPath();
        script(root.resolve("a.sh"));
        script(Files.createDirectories(root.resolve("sub/deeper")).resolve("b.pl"));
        script(root.resolve("nph-raw.sh"));
        script(root.resolve("caf\u00e9.sh"));
        Files.writeString(root.resolve("plain.txt"), "x");
        script(Files.createDirectories(dir.resolve("outside")).resolve("evil.sh"));
        Files.createSymbolicLink(root.resolve("evil.sh"), dir.resolve("outside/evil.sh"));
        Files.createSymbolicLink(root.resolve("out"), dir.resolve("outside"));
        Files.createSymbolicLink(root.resolve("same.sh"), root.resolve("a.sh"));
        Files.createSymbolicLink(root.resolve("dangling.sh"), root.resolve("gone.sh"));
    }

    private static void script(Path p) throws Exception {
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private int refusal(String pathInfo) {
        try {
            CgiScript.resolve(root, pathInfo);
            return 0;
        } catch (CgiScriptException e) {
            return e.status();
        }
    }

    @Test
    void takesTheFirstFileAsTheScriptAndTheRestAsPathInfo() throws Exception {
        CgiScript s = CgiScript.resolve(root, "/a.sh/x/y z");
        assertThat(s.scriptPath()).isEqualTo("/a.sh");
        assertThat(s.pathInfo()).isEqualTo("/x/y z");
        assertThat(s.file()).isEqualTo(root.resolve("a.sh"));
        assertThat(s.nph()).isFalse();
        CgiScript deep = CgiScript.resolve(root, "/sub/deeper/b.pl");
        assertThat(deep.scriptPath()).isEqualTo("/sub/deeper/b.pl");
        assertThat(deep.pathInfo()).isEmpty();
        assertThat(CgiScript.resolve(root, "/a.sh/").pathInfo()).isEqualTo("/");
        assertThat(CgiScript.resolve(root, "/nph-raw.sh").nph()).isTrue();
    }

    @Test
    void readsSegmentsAsUtf8FileNames() throws Exception {
        String latin1OfUtf8 = new String("/caf\u00e9.sh".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        CgiScript s = CgiScript.resolve(root, latin1OfUtf8);
        assertThat(s.file()).isEqualTo(root.resolve("caf\u00e9.sh"));
        assertThat(s.scriptPath()).isEqualTo(latin1OfUtf8);
    }

    @Test
    void followsLinksThatStayInsideToTheirRealPath() throws Exception {
        CgiScript s = CgiScript.resolve(root, "/same.sh/x");
        assertThat(s.file()).isEqualTo(root.resolve("same.sh"));
        assertThat(s.executable()).isEqualTo(root.resolve("a.sh"));
    }

    @Test
    void refusesTraversalAndOddSegments() {
        for (String p : new String[] {"/../cgi-bin/a.sh", "/sub/../a.sh", "/./a.sh", "/a.sh/..", "/a.sh/x/../y", "/a.sh/.", "//a.sh",
                "/sub//deeper/b.pl", "/a.sh\0", "/sub\\deeper/b.pl", "a.sh", ""}) {
            assertThat(refusal(p)).as(p).isEqualTo(403);
        }
        assertThat(refusal("/a.sh/..x/.y/x..")).isZero();
    }

    @Test
    void refusesLinksOutOfTheDirectory() {
        assertThat(refusal("/evil.sh")).isEqualTo(403);
        assertThat(refusal("/out/evil.sh")).isEqualTo(403);
    }

    @Test
    void answersMissingWith404AndTheRestWith403() {
        assertThat(refusal("/none.sh")).isEqualTo(404);
        assertThat(refusal("/none/a.sh")).isEqualTo(404);
        assertThat(refusal("/dangling.sh")).isEqualTo(404);
        assertThat(refusal("/plain.txt")).isEqualTo(403);
        assertThat(refusal("/sub")).isEqualTo(403);
        assertThat(refusal("/sub/")).isEqualTo(403);
        assertThat(refusal("/")).isEqualTo(403);
        assertThatThrownBy(() -> CgiScript.resolve(root, "/plain.txt")).hasMessageContaining("not executable");
    }
}
