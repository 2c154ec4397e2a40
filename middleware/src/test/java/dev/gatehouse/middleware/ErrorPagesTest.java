package dev.gatehouse.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.api.Write;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorPagesTest {
    private static final ErrorPage NOT_FOUND = new ErrorPage("<h1>Nothing at this address</h1>", "nothing at this address\n");

    private final ErrorPages pages = new ErrorPages(ErrorPagesConfig.defaults().withPage(404, NOT_FOUND));

    /** An app answering {@code code} with an empty body (and a Content-Type, unless it declares Content-Length: 0). */
    private static Application status(int code, Header... headers) {
        List<Header> head = new java.util.ArrayList<>(List.of(headers));
        if (Header.find(head, "Content-Length") == null) head.add(Header.of("Content-Type", "text/plain"));
        return (env, sr) -> {
            sr.start(Status.of(code), head);
            return Body.empty();
        };
    }

    private static Application withBody(int code, String contentType, String body) {
        return (env, sr) -> {
            sr.start(code, Header.of("Content-Type", contentType));
            return Body.of(body);
        };
    }

    private static Environ accepting(String accept) {
        Environ env = GatewayRun.get("/missing");
        if (accept != null) env.put("HTTP_ACCEPT", accept);
        return env;
    }

    private GatewayRun.Response run(ErrorPages middleware, Application app, Environ env) {
        GatewayRun.Response r = GatewayRun.run(middleware, app, env);
        assertThat(r.violations()).isEmpty();
        return r;
    }

    private GatewayRun.Response run(Application app, Environ env) {
        return run(pages, app, env);
    }

    @Test
    void replacesAnErrorResponseThatDeclaresAnEmptyBody() {
        GatewayRun.Response r = run(status(404, Header.of("Content-Length", "0"), Header.of("X-Request-Id", "r1")), accepting(null));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).isEqualTo("<h1>Nothing at this address</h1>");
        assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
        assertThat(r.header("X-Request-Id")).isEqualTo("r1");
    }

    @Test
    void replacesAnErrorBodyThatTurnsOutEmpty() {
        Application emptyChunks = (env, sr) -> {
            sr.start(404, Header.of("Content-Type", "text/plain"), Header.of("ETag", "\"x\""));
            return Body.of(new byte[0], new byte[0]);
        };
        GatewayRun.Response r = run(emptyChunks, accepting("text/html"));
        assertThat(r.text()).isEqualTo("<h1>Nothing at this address</h1>");
        assertThat(r.header("ETag")).isNull();
    }

    @Test
    void keepsAnErrorBodyTheAppWrote() {
        GatewayRun.Response r = run(withBody(404, "application/json", "{\"error\":\"no such item\"}"), accepting(null));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.text()).isEqualTo("{\"error\":\"no such item\"}");
    }

    @Test
    void keepsAnErrorBodyTheAppWroteThroughTheWriteCallable() {
        Application writer = (env, sr) -> {
            Write write = sr.start(404, Header.of("Content-Type", "text/plain"));
            write.write("written".getBytes(StandardCharsets.UTF_8));
            return Body.empty();
        };
        assertThat(run(writer, accepting(null)).text()).isEqualTo("written");
    }

    @Test
    void interceptAllReplacesEveryErrorBody() {
        ErrorPages intercepting = new ErrorPages(pages.config().withInterceptAll(true));
        GatewayRun.Response r = run(intercepting, withBody(404, "application/json", "{}"), accepting(null));
        assertThat(r.text()).isEqualTo("<h1>Nothing at this address</h1>");
        assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    }

    @Test
    void choosesHtmlOrTextByAccept() {
        assertThat(run(status(404), accepting("text/plain")).text()).isEqualTo("nothing at this address\n");
        assertThat(run(status(404), accepting("text/html,application/xhtml+xml,*/*;q=0.8")).text()).startsWith("<h1>");
        assertThat(run(status(404), accepting("text/*;q=0.5, text/plain")).text()).startsWith("nothing");
        assertThat(run(status(404), accepting("text/html;q=0.1, */*")).text()).startsWith("nothing");
        assertThat(run(status(404), accepting("*/*")).text()).startsWith("<h1>");
        GatewayRun.Response r = run(status(404), accepting("application/json"));
        assertThat(r.text()).startsWith("<h1>");
        assertThat(r.header("Vary")).isEqualTo("Accept");
    }

    @Test
    void fillsInStatusAndReasonAndEscapesThemInHtml() {
        ErrorPages fallbackOnly = new ErrorPages();
        Application teapot = (env, sr) -> {
            sr.start(new Status(418, "<I'm a teapot>"), List.of(Header.of("Content-Length", "0")));
            return Body.empty();
        };
        GatewayRun.Response html = run(fallbackOnly, teapot, accepting("text/html"));
        assertThat(html.text()).contains("<title>418 &lt;I&#39;m a teapot&gt;</title>");
        GatewayRun.Response text = run(fallbackOnly, teapot, accepting("text/plain"));
        assertThat(text.text()).isEqualTo("418 <I'm a teapot>\n");
        GatewayRun.Response standard = run(fallbackOnly, status(503, Header.of("Retry-After", "30")), accepting("text/plain"));
        assertThat(standard.text()).isEqualTo("503 Service Unavailable\n");
        assertThat(standard.header("Retry-After")).isEqualTo("30");
    }

    @Test
    void readsPagesFromFiles(@TempDir Path dir) throws Exception {
        Path html = Files.writeString(dir.resolve("500.html"), "<p>Sorry: ${status}</p>");
        ErrorPages fromFiles = new ErrorPages(ErrorPagesConfig.defaults().withPages(Map.of(500, ErrorPage.fromFiles(html, null))));
        GatewayRun.Response r = run(fromFiles, status(500), accepting("text/plain"));
        assertThat(r.text()).isEqualTo("<p>Sorry: 500</p>");
        assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(r.header("Vary")).isNull();
    }

    @Test
    void leavesSuccessesAndStatusesWithoutAPageAlone() {
        ErrorPages only404 = new ErrorPages(ErrorPagesConfig.defaults().withFallback(null).withPage(404, NOT_FOUND));
        GatewayRun.Response ok = run(only404, withBody(200, "text/plain", "fine"), accepting(null));
        assertThat(ok.text()).isEqualTo("fine");
        GatewayRun.Response redirect = run(only404, status(302, Header.of("Location", "/elsewhere"), Header.of("Content-Length", "0")), accepting(null));
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.body()).isEmpty();
        GatewayRun.Response gone = run(only404, status(410, Header.of("Content-Length", "0")), accepting(null));
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.body()).isEmpty();
    }

    @Test
    void keepsTheChallengeOfAStock401FromBasicAuth(@TempDir Path dir) throws Exception {
        Path htpasswd = Files.writeString(dir.resolve("users"), "");
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(htpasswd).withRealm("Staff"));
        GatewayRun.Response r = run(pages, auth.wrap(withBody(200, "text/plain", "secret")), accepting("text/html"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Staff\"");
        assertThat(r.text()).contains("<h1>401 Unauthorized</h1>");
    }

    @Test
    void answersAnExceptionWithThe500PageAndNoTrace() {
        Application failing = (env, sr) -> {
            throw new IllegalStateException("database password is hunter2");
        };
        GatewayRun.Response r = run(failing, accepting("text/html"));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).contains("500 Internal Server Error").doesNotContain("hunter2").doesNotContain("IllegalStateException");
        assertThat(r.completed()).isTrue();
    }

    @Test
    void answersAnExceptionFromTheBodyBeforeItsFirstByte() {
        Application failingBody = (env, sr) -> {
            sr.start(200, Header.of("Content-Type", "text/plain"));
            return () -> {
                throw new IOException("disk gone");
            };
        };
        GatewayRun.Response r = run(failingBody, accepting("text/plain"));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).isEqualTo("500 Internal Server Error\n");
    }

    @Test
    void abortsWhenTheAppFailsAfterItsFirstByte() {
        Application failsLate = (env, sr) -> {
            sr.start(200, Header.of("Content-Type", "text/plain"));
            return new Body() {
                boolean sent;

                @Override
                public byte[] next() throws IOException {
                    if (sent) throw new IOException("disk gone");
                    sent = true;
                    return "partial".getBytes(StandardCharsets.UTF_8);
                }
            };
        };
        GatewayRun.Response r = run(failsLate, accepting(null));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.aborted()).isTrue();
    }

    @Test
    void showsTheEscapedTraceInDebugMode() {
        ErrorPages debug = new ErrorPages(ErrorPagesConfig.defaults().withDebug(true));
        Application failing = (env, sr) -> {
            throw new IllegalStateException("bad <script>alert(1)</script>", new IOException("root cause"));
        };
        GatewayRun.Response r = run(debug, failing, accepting("text/html"));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(r.text()).contains("java.lang.IllegalStateException: bad &lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("Caused by: java.io.IOException: root cause")
                .contains("at dev.gatehouse.middleware.ErrorPagesTest")
                .contains("GET /missing")
                .doesNotContain("<script>");
        GatewayRun.Response text = run(debug, failing, accepting("text/plain"));
        assertThat(text.text()).startsWith("500 Internal Server Error\nGET /missing\n\njava.lang.IllegalStateException: bad <script>");
    }

    @Test
    void leavesExceptionsToTheServerWithoutA500PageOrDebug() {
        ErrorPages none = new ErrorPages(ErrorPagesConfig.defaults().withFallback(null));
        Application failing = (env, sr) -> {
            throw new IllegalStateException("boom");
        };
        GatewayRun.Response r = run(none, failing, accepting(null));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).isEqualTo("Internal Server Error\n");
    }

    @Test
    void aHeadRequestGetsTheHeadOfThePage() {
        GatewayRun.Response r = run(status(404), GatewayRun.environ("HEAD", "/missing"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString("<h1>Nothing at this address</h1>".length()));
        assertThat(r.body()).isEmpty();
    }

    @Test
    void servesThePagesOverTheWire() throws Exception {
        Application app = (env, sr) -> {
            if (env.pathInfo().equals("/fail")) throw new IllegalStateException("boom");
            sr.start(404, Header.of("Content-Length", "0"));
            return Body.empty();
        };
        try (LiveServer server = new LiveServer(pages.wrap(app));
             HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<String> missing = client.send(HttpRequest.newBuilder(server.uri("/nope")).header("Accept", "text/html")
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).isEqualTo("<h1>Nothing at this address</h1>");
            HttpResponse<String> failed = client.send(HttpRequest.newBuilder(server.uri("/fail")).header("Accept", "text/plain")
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.body()).isEqualTo("500 Internal Server Error\n");
        }
    }
}
