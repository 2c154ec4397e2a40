package dev.gatehouse.cgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts in sh, Perl and Python behind the {@code cgi:} mount, through Gatehouse's HTTP server:
 * what they answer reaches the client, whichever way they are started.
 */
class CgiProxyAppTest {
    @TempDir
    Path dir;

    private CgiFront front(CgiClientConfig.Spawn spawn) throws Exception {
        Path bin = CgiScripts.install(dir);
        return CgiFront.start(CgiTarget.of(bin), CgiClientConfig.defaults().withSpawn(spawn));
    }

    static Map<String, String> lines(String body) {
        return body.lines().filter(l -> l.contains("=")).collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1), (a, b) -> b));
    }

    @ParameterizedTest
    @EnumSource(names = {"HELPER", "DIRECT"})
    void runsAShellScriptInItsDirectoryWithScriptNameAndPathInfo(CgiClientConfig.Spawn spawn) throws Exception {
        try (CgiFront front = front(spawn)) {
            RawResponse r = front.get("/cgi-bin/env.sh/extra/p%20a?x=1&y=%20");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.complete()).isTrue();
            assertThat(r.header("X-Script-Name")).isEqualTo("/cgi-bin/env.sh");
            Map<String, String> env = lines(r.bodyText());
            assertThat(env).containsEntry("SCRIPT_NAME", "/cgi-bin/env.sh").containsEntry("PATH_INFO", "/extra/p a")
                    .containsEntry("QUERY_STRING", "x=1&y=%20").containsEntry("REQUEST_METHOD", "GET")
                    .containsEntry("PWD", dir.resolve("cgi-bin").toRealPath().toString());
            assertThat(front.validator().violations()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"HELPER", "DIRECT"})
    void runsPythonAndPerlScripts(CgiClientConfig.Spawn spawn) throws Exception {
        try (CgiFront front = front(spawn)) {
            RawResponse py = front.get("/cgi-bin/hello.py/there");
            assertThat(py.status()).isEqualTo(200);
            assertThat(py.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(py.bodyText()).isEqualTo("hello from python, GET /there\n");
            RawResponse pl = front.get("/cgi-bin/status.pl");
            assertThat(pl.status()).isEqualTo(418);
            assertThat(pl.reason()).isEqualTo("I'm a teapot");
            assertThat(pl.header("X-Extra")).isEqualTo("1");
            assertThat(pl.bodyText()).isEqualTo("short and stout\n");
            assertThat(front.validator().violations()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"HELPER", "DIRECT"})
    void echoesPostBodiesSmallLargeAndChunked(CgiClientConfig.Spawn spawn) throws Exception {
        try (CgiFront front = front(spawn)) {
            RawResponse small = front.post("/cgi-bin/echo.py", "a=1&b=2".getBytes(StandardCharsets.US_ASCII),
                    "Content-Type: application/x-www-form-urlencoded");
            assertThat(small.status()).isEqualTo(200);
            assertThat(small.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
            assertThat(small.header("X-Content-Length")).isEqualTo("7");
            assertThat(small.bodyText()).isEqualTo("a=1&b=2");

            // Larger than any pipe or socket buffer, echoed while it is read: the body goes in while
            // the output is held (up to maxEarlyOutputBytes, 1 MiB), then the output goes out.
            byte[] big = new byte[600 * 1024 + 17];
            for (int i = 0; i < big.length; i++) big[i] = (byte) ('a' + i % 26);
            RawResponse streamed = front.post("/cgi-bin/stream-echo.sh", big);
            assertThat(streamed.status()).isEqualTo(200);
            assertThat(streamed.body()).isEqualTo(big);

            // A chunked body is de-chunked and read whole, so the script gets a CONTENT_LENGTH.
            try (RawHttpClient client = front.connect()) {
                client.send("POST /cgi-bin/echo.py HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: text/x-test\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
                RawResponse chunked = client.readResponse();
                assertThat(chunked.status()).isEqualTo(200);
                assertThat(chunked.header("X-Content-Length")).isEqualTo("11");
                assertThat(chunked.bodyText()).isEqualTo("hello world");
            }
            assertThat(front.validator().violations()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"HELPER", "DIRECT"})
    void answersFullyForScriptsThatIgnoreTheirBody(CgiClientConfig.Spawn spawn) throws Exception {
        try (CgiFront front = front(spawn)) {
            for (int size : new int[] {10, 5000, 100_000, 1_000_000}) {
                RawResponse r = front.post("/cgi-bin/env.pl", new byte[size], "Content-Type: application/octet-stream");
                assertThat(r.status()).as("%d bytes", size).isEqualTo(200);
                assertThat(r.complete()).as("%d bytes", size).isTrue();
                assertThat(lines(r.bodyText())).as("%d bytes", size).containsEntry("CONTENT_LENGTH", Integer.toString(size));
            }
            assertThat(front.validator().violations()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"HELPER", "DIRECT"})
    void followsLocalRedirectsInsideGatehouseAndAnswersClientRedirectsWith302(CgiClientConfig.Spawn spawn) throws Exception {
        try (CgiFront front = front(spawn)) {
            RawResponse local = front.get("/cgi-bin/redirect-local.sh");
            assertThat(local.status()).isEqualTo(200);
            Map<String, String> env = lines(local.bodyText());
            assertThat(env).containsEntry("SCRIPT_NAME", "/cgi-bin/env.sh").containsEntry("PATH_INFO", "/redirected")
                    .containsEntry("QUERY_STRING", "from=local").containsEntry("REQUEST_METHOD", "GET");

            RawResponse client = front.get("/cgi-bin/redirect-client.pl");
            assertThat(client.status()).isEqualTo(302);
            assertThat(client.header("Location")).isEqualTo("http://example.com/elsewhere?x=1");
            assertThat(client.body()).isEmpty();
            assertThat(front.validator().violations()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"HELPER", "DIRECT"})
    void relaysTheStatusLineAndFieldsOfAnNphScript(CgiClientConfig.Spawn spawn) throws Exception {
        try (CgiFront front = front(spawn)) {
            RawResponse r = front.get("/cgi-bin/nph-hello.sh");
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.reason()).isEqualTo("Created");
            assertThat(r.header("X-Nph")).isEqualTo("yes");
            assertThat(r.bodyText()).isEqualTo("nph body\n");
            assertThat(front.validator().violations()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"HELPER", "DIRECT"})
    void givesTheScriptOnlyItsStandardStreams(CgiClientConfig.Spawn spawn) throws Exception {
        try (CgiFront front = front(spawn)) {
            RawResponse r = front.get("/cgi-bin/fds.pl");
            assertThat(r.status()).isEqualTo(200);
            int[] fds = r.bodyText().lines().mapToInt(l -> Integer.parseInt(l.substring(0, l.indexOf(' ')))).toArray();
            assertThat(fds).as(r.bodyText()).containsExactly(0, 1, 2);
            assertThat(Arrays.stream(fds)).isNotEmpty();
        }
    }
}
