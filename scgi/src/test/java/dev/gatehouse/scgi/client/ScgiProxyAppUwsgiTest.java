package dev.gatehouse.scgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.Validator;
import dev.gatehouse.core.proxy.BackendTarget;
import dev.gatehouse.core.proxy.StreamClientConfig;
import dev.gatehouse.testkit.EnvironLines;
import dev.gatehouse.testkit.peers.PeerProcess;
import dev.gatehouse.testkit.peers.UwsgiLauncher;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code scgi:} mount in front of real uWSGI speaking SCGI ({@code --scgi-socket}) to a Python
 * WSGI app, on TCP and on a Unix socket: Gatehouse's HTTP server -> ScgiProxyApp (checked by a
 * Validator as an app) -> uWSGI -> the testkit's wsgi_app.py.
 */
class ScgiProxyAppUwsgiTest {
    @TempDir
    Path dir;

    private record Backend(PeerProcess uwsgi, BackendTarget target) implements AutoCloseable {
        @Override
        public void close() throws java.io.IOException {
            uwsgi.close();
        }
    }

    private Backend uwsgi(boolean unix) throws Exception {
        if (!unix) {
            PeerProcess p = UwsgiLauncher.start("--scgi-socket");
            return new Backend(p, BackendTarget.parse(ScgiProxyApp.SCHEME, "scgi://127.0.0.1:" + p.address().getPort()));
        }
        Path socket = dir.resolve("uwsgi-scgi.sock");
        PeerProcess p = UwsgiLauncher.start("--scgi-socket", socket);
        long until = System.nanoTime() + 20_000_000_000L; // uWSGI binds the socket before the stats port answers; a guard only
        while (!Files.exists(socket) && System.nanoTime() < until) Thread.sleep(10);
        return new Backend(p, BackendTarget.parse(ScgiProxyApp.SCHEME, "scgi:unix:" + socket));
    }

    @ParameterizedTest(name = "unix socket: {0}")
    @ValueSource(booleans = {false, true})
    void pythonAnswersThroughTheMount(boolean unix) throws Exception {
        Validator validator = new Validator();
        try (Backend backend = uwsgi(unix);
             ScgiProxyApp proxy = new ScgiProxyApp(backend.target(), StreamClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/py", validator.wrap(proxy)))) {
            HttpResponse<String> hello = front.get("/py/hello");
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(hello.body()).isEqualTo("Hello, World!\n");
            assertThat(hello.headers().firstValue("Content-Length")).hasValue("14");

            HttpResponse<String> stream = front.get("/py/stream");
            assertThat(stream.body()).isEqualTo("chunk 0\nchunk 1\nchunk 2\nchunk 3\nchunk 4\n");

            assertThat(front.get("/py/status/404").statusCode()).isEqualTo(404);
            assertThat(front.get("/py/status/204").statusCode()).isEqualTo(204);
            assertThat(front.get("/py/nowhere").statusCode()).isEqualTo(404);
            assertThat(validator.violations()).isEmpty();
        }
    }

    @ParameterizedTest(name = "unix socket: {0}")
    @ValueSource(booleans = {false, true})
    void bodiesWithAndWithoutLengthReachPython(boolean unix) throws Exception {
        Validator validator = new Validator();
        try (Backend backend = uwsgi(unix);
             ScgiProxyApp proxy = new ScgiProxyApp(backend.target(), StreamClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/py", validator.wrap(proxy)))) {
            byte[] body = new byte[300_000];
            for (int i = 0; i < body.length; i++) body[i] = (byte) (i * 31 + 7);
            HttpResponse<byte[]> sized = front.client().send(HttpRequest.newBuilder(URI.create(front.url("/py/echo")))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/x-test").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(sized.statusCode()).isEqualTo(200);
            assertThat(sized.headers().firstValue("X-Method")).hasValue("POST");
            assertThat(sized.headers().firstValue("X-Content-Type")).hasValue("application/x-test");
            assertThat(sized.body()).isEqualTo(body);

            // no length known up front: the JDK client sends it chunked, the mount buffers it for SCGI
            HttpResponse<byte[]> chunked = front.client().send(HttpRequest.newBuilder(URI.create(front.url("/py/echo")))
                    .PUT(unsized(Arrays.copyOf(body, 100_000))).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(chunked.statusCode()).isEqualTo(200);
            assertThat(chunked.headers().firstValue("X-Method")).hasValue("PUT");
            assertThat(chunked.body()).isEqualTo(Arrays.copyOf(body, 100_000));
            assertThat(validator.violations()).isEmpty();
        }
    }

    @Test
    void pythonSeesTheMountAndTheRequestAsCgiVariables() throws Exception {
        try (Backend backend = uwsgi(false);
             ScgiProxyApp proxy = new ScgiProxyApp(backend.target(), StreamClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/py", proxy))) {
            HttpResponse<String> r = front.get("/py/environ?a=1&b=%20", "X-Custom", "some value");
            assertThat(r.statusCode()).isEqualTo(200);
            Map<String, String> environ = EnvironLines.parse(r.body().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            assertThat(environ).containsEntry("SCRIPT_NAME", "/py")
                    .containsEntry("PATH_INFO", "/environ")
                    .containsEntry("QUERY_STRING", "a=1&b=%20")
                    .containsEntry("REQUEST_METHOD", "GET")
                    .containsEntry("REQUEST_URI", "/py/environ?a=1&b=%20")
                    .containsEntry("HTTP_X_CUSTOM", "some value")
                    .containsEntry("SCGI", "1")
                    .containsEntry("CONTENT_LENGTH", "0");
        }
    }

    /** A body publisher with no length: the JDK client then sends the body chunked. */
    private static HttpRequest.BodyPublisher unsized(byte[] bytes) {
        HttpRequest.BodyPublisher inner = HttpRequest.BodyPublishers.ofByteArray(bytes);
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
                inner.subscribe(subscriber);
            }
        };
    }
}
