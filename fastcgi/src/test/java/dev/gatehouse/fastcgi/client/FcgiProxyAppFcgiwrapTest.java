package dev.gatehouse.fastcgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.testkit.peers.FcgiwrapLauncher;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shell CGI scripts run by a real fcgiwrap behind the {@code fastcgi:unix:} mount. */
class FcgiProxyAppFcgiwrapTest {
    @TempDir
    Path dir;

    @Test
    void runsAShellCgiScriptWithBodyAndStatus() throws Exception {
        Path root = Files.createDirectories(dir.resolve("cgi-bin"));
        script(root.resolve("hello.sh"), """
                #!/bin/sh
                echo "Content-Type: text/plain"
                echo "X-Script: $SCRIPT_NAME"
                echo
                printf 'hello %s via %s, body=' "$QUERY_STRING" "$GATEWAY_INTERFACE"
                head -c "${CONTENT_LENGTH:-0}"
                """);
        script(root.resolve("gone.sh"), """
                #!/bin/sh
                printf 'Status: 410 Gone\\nContent-Type: text/plain\\n\\ngone\\n'
                """);
        try (FcgiwrapLauncher wrap = FcgiwrapLauncher.start(dir.resolve("wrap"), true, 2);
             FcgiProxyApp proxy = new FcgiProxyApp(FcgiTarget.parse(wrap.fastcgiTarget() + "?root=" + root), FcgiClientConfig.defaults().withMaxConnections(2));
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/cgi", proxy))) {
            HttpResponse<String> r = front.post("/cgi/hello.sh?x=1", HttpRequest.BodyPublishers.ofString("posted"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Script")).hasValue("/cgi/hello.sh");
            assertThat(r.body()).isEqualTo("hello x=1 via CGI/1.1, body=posted");
            HttpResponse<String> gone = front.get("/cgi/gone.sh");
            assertThat(gone.statusCode()).isEqualTo(410);
            assertThat(gone.body()).isEqualTo("gone\n");
        }
    }

    private static void script(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
