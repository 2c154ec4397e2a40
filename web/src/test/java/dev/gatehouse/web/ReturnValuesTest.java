package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.FileBody;
import dev.gatehouse.api.Header;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReturnValuesTest {
    @TempDir
    Path dir;

    private static final class Page implements Renderable {
        @Override
        public String contentType() {
            return "text/plain; charset=utf-8";
        }

        @Override
        public byte[] render() {
            return "rendered".getBytes(StandardCharsets.UTF_8);
        }
    }

    private WebApp app() throws Exception {
        Path css = Files.writeString(dir.resolve("site.css"), "body{color:red}");
        return new WebApp()
                .get("/string", req -> "<p>été</p>")
                .get("/bytes", req -> new byte[] {1, 2, 3})
                .get("/png", req -> {
                    req.response().contentType("image/png");
                    return new byte[] {(byte) 0x89, 'P', 'N', 'G'};
                })
                .get("/renderable", req -> new Page())
                .get("/file", req -> css)
                .get("/missing-file", req -> dir.resolve("nope.txt"))
                .get("/stream", req -> new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8)))
                .get("/response", req -> Response.text("teapot").withStatus(418).header("X-Extra", "1"))
                .get("/json", req -> Response.json(java.util.Map.of("a", 1)))
                .get("/null", req -> null)
                .get("/null-with-status", req -> {
                    req.response().withStatus(202);
                    return null;
                })
                .get("/writer", req -> Response.ok().stream(out -> {
                    for (int i = 0; i < 3; i++) out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                }, "text/plain; charset=utf-8"))
                .get("/writer-fails", req -> Response.ok().stream(out -> {
                    out.write("partial".getBytes(StandardCharsets.UTF_8));
                    throw new IllegalStateException("export failed");
                }, "text/plain"))
                .get("/pending", req -> {
                    req.response().header("X-Pending", "yes").cookie(Cookie.of("seen", "1"));
                    return "with pending headers";
                })
                .get("/unsupported", req -> 42);
    }

    @Test
    void stringIsUtf8Html() throws Exception {
        try (LiveServer server = new LiveServer(app())) {
            HttpResponse<String> r = server.get("/string");
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(r.body()).isEqualTo("<p>été</p>");
            assertThat(r.headers().firstValue("Content-Length")).hasValue("12");
        }
    }

    @Test
    void bytesAreOctetStreamUnlessTheHandlerSetAType() throws Exception {
        try (LiveServer server = new LiveServer(app())) {
            HttpResponse<byte[]> r = server.sendForBytes(server.request("/bytes").build());
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
            assertThat(r.body()).containsExactly(1, 2, 3);
            assertThat(server.get("/png").headers().firstValue("Content-Type")).hasValue("image/png");
        }
    }

    @Test
    void renderableUsesItsOwnType() throws Exception {
        try (LiveServer server = new LiveServer(app())) {
            HttpResponse<String> r = server.get("/renderable");
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            assertThat(r.body()).isEqualTo("rendered");
        }
    }

    @Test
    void pathIsSentAsAFileWithItsType() throws Exception {
        try (LiveServer server = new LiveServer(app())) {
            HttpResponse<String> r = server.get("/file");
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
            assertThat(r.headers().firstValue("Content-Length")).hasValue("15");
            assertThat(r.body()).isEqualTo("body{color:red}");
            assertThat(server.get("/missing-file").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void fileBodyReachesTheServerUnwrappedForZeroCopy() throws Exception {
        Environ environ = new Environ().put(EnvironKeys.REQUEST_METHOD, "GET").put(EnvironKeys.PATH_INFO, "/file");
        List<Header> sent = new ArrayList<>();
        Body body = app().call(environ, (status, headers, excInfo) -> {
            sent.addAll(headers);
            return (b, off, len) -> { };
        });
        try (body) {
            assertThat(body).isInstanceOf(FileBody.class);
            assertThat(Header.find(sent, "Content-Length")).isEqualTo("15");
        }
    }

    @Test
    void inputStreamIsStreamed() throws Exception {
        try (LiveServer server = new LiveServer(app())) {
            HttpResponse<String> r = server.get("/stream");
            assertThat(r.body()).isEqualTo("streamed");
            assertThat(r.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        }
    }

    @Test
    void responseObjectKeepsItsStatusAndHeaders() throws Exception {
        try (LiveServer server = new LiveServer(app())) {
            HttpResponse<String> r = server.get("/response");
            assertThat(r.statusCode()).isEqualTo(418);
            assertThat(r.headers().firstValue("X-Extra")).hasValue("1");
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            assertThat(r.body()).isEqualTo("teapot");
            HttpResponse<String> json = server.get("/json");
            assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(json.body()).isEqualTo("{\"a\":1}");
        }
    }

    @Test
    void nullIs204UnlessAStatusWasSet() throws Exception {
        try (LiveServer server = new LiveServer(app())) {
            assertThat(server.get("/null").statusCode()).isEqualTo(204);
            HttpResponse<String> r = server.get("/null-with-status");
            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    void streamWriterWritesAsItGoes() throws Exception {
        try (LiveServer server = new LiveServer(app())) {
            assertThat(server.get("/writer").body()).isEqualTo("line 0\nline 1\nline 2\n");
        }
    }

    @Test
    void streamWriterFailingBeforeTheFirstFlushBecomesA500Page() throws Exception {
        try (LiveServer server = new LiveServer(app())) {
            HttpResponse<String> r = server.get("/writer-fails");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).contains("500 Internal Server Error").doesNotContain("partial");
        }
    }

    @Test
    void headersSetOnThePendingResponseGoOutWithAString() throws Exception {
        try (LiveServer server = new LiveServer(app())) {
            HttpResponse<String> r = server.get("/pending");
            assertThat(r.headers().firstValue("X-Pending")).hasValue("yes");
            assertThat(r.headers().firstValue("Set-Cookie")).hasValue("seen=1; Path=/; HttpOnly");
            assertThat(r.body()).isEqualTo("with pending headers");
        }
    }

    @Test
    void unsupportedReturnTypeIs500() throws Exception {
        try (LiveServer server = new LiveServer(app())) {
            HttpResponse<String> r = server.get("/unsupported");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).doesNotContain("Integer");
        }
    }
}
