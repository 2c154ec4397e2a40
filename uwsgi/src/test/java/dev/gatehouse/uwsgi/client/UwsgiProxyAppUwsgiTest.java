package dev.gatehouse.uwsgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.proxy.StreamClientConfig;
import dev.gatehouse.testkit.EnvironLines;
import dev.gatehouse.testkit.peers.PeerProcess;
import dev.gatehouse.testkit.peers.UwsgiLauncher;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code uwsgi:} mount in front of the real uWSGI running the testkit's WSGI app, on TCP and on a Unix socket. */
class UwsgiProxyAppUwsgiTest {
    @TempDir
    Path dir;

    private interface Check {
        void run(GatehouseFront front) throws Exception;
    }

    /** Runs {@code check} against Gatehouse mounting uWSGI at /py, once over TCP and once over a Unix socket. */
    private void throughUwsgi(Check check) throws Exception {
        try (PeerProcess uwsgi = UwsgiLauncher.start("--socket")) {
            run("uwsgi://127.0.0.1:" + uwsgi.address().getPort(), uwsgi, check);
        }
        Path socket = dir.resolve("uwsgi.sock");
        try (PeerProcess uwsgi = UwsgiLauncher.start("--socket", socket)) {
            run("uwsgi:unix:" + socket, uwsgi, check);
        }
    }

    private static void run(String target, PeerProcess uwsgi, Check check) throws Exception {
        try (UwsgiProxyApp proxy = new UwsgiProxyApp(UwsgiProxyApp.target(target), StreamClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/py", proxy))) {
            try {
                check.run(front);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nthrough " + target + "; uWSGI's logs:\n" + uwsgi.logs(), e);
            }
        }
    }

    @Test
    void helloComesBackWithItsLength() throws Exception {
        throughUwsgi(front -> {
            HttpResponse<String> r = front.get("/py/hello");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("Hello, World!\n");
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain");
            assertThat(r.headers().firstValue("Content-Length")).hasValue("14");
        });
    }

    @Test
    void aPostBodyIsEchoed() throws Exception {
        byte[] body = new byte[300_000];
        for (int i = 0; i < body.length; i++) body[i] = (byte) (i % 251);
        throughUwsgi(front -> {
            HttpResponse<byte[]> r = front.send(front.request("/py/echo").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Content-Type", "application/x-test").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Method")).hasValue("POST");
            assertThat(r.headers().firstValue("X-Content-Type")).hasValue("application/x-test");
            assertThat(r.body()).isEqualTo(body);
        });
    }

    @Test
    void aChunkedUploadReachesUwsgiWithItsLength() throws Exception {
        byte[] body = "a body whose length the client did not say\n".repeat(500).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        throughUwsgi(front -> {
            HttpRequest request = front.request("/py/echo").header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
            HttpResponse<byte[]> r = front.send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(body);
        });
    }

    @Test
    void uwsgiSeesTheMountAsScriptNameAndTheRestAsPathInfo() throws Exception {
        throughUwsgi(front -> {
            HttpResponse<byte[]> r = front.send(front.request("/py/environ?x=%41&y").header("X-Custom", "v").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            // the app filters on PATH_INFO, so /environ is what uWSGI passed on as PATH_INFO
            Map<String, String> env = EnvironLines.parse(r.body());
            assertThat(env).containsEntry("REQUEST_METHOD", "GET").containsEntry("SCRIPT_NAME", "/py").containsEntry("PATH_INFO", "/environ")
                    .containsEntry("QUERY_STRING", "x=%41&y").containsEntry("HTTP_X_CUSTOM", "v").containsEntry("wsgi.url_scheme", "http")
                    .containsEntry("SERVER_SOFTWARE", "Gatehouse").containsKey("REMOTE_ADDR");
        });
    }

    @Test
    void aStreamedResponseArrivesWhole() throws Exception {
        throughUwsgi(front -> {
            HttpResponse<String> r = front.get("/py/stream");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("chunk 0\nchunk 1\nchunk 2\nchunk 3\nchunk 4\n");
        });
    }

    @Test
    void statusesComeBackAsTheAppSetThem() throws Exception {
        throughUwsgi(front -> {
            assertThat(front.get("/py/status/418").statusCode()).isEqualTo(418);
            assertThat(front.get("/py/status/503").statusCode()).isEqualTo(503);
            assertThat(front.get("/py/nowhere").statusCode()).isEqualTo(404);
        });
    }

    @Test
    void varsOverUwsgisBufferSizeAre502() throws Exception {
        try (PeerProcess uwsgi = UwsgiLauncher.start("--socket", "--buffer-size", "4096")) {
            run("uwsgi://127.0.0.1:" + uwsgi.address().getPort(), uwsgi, front -> {
                assertThat(front.get("/py/hello").statusCode()).isEqualTo(200);
                HttpResponse<String> r = front.send(front.request("/py/hello").header("X-Big", "b".repeat(5000)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("uWSGI drops a request whose vars are over its --buffer-size").isEqualTo(502);
            });
        }
    }

    @Test
    void manyRequestsAtOnceAreAllAnswered() throws Exception {
        throughUwsgi(front -> {
            var futures = Arrays.stream(new int[20]).mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return front.get("/py/hello").body();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })).toList();
            for (var f : futures) assertThat(f.get()).isEqualTo("Hello, World!\n");
        });
    }
}
