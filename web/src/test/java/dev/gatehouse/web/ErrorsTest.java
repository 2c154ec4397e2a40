package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorsTest {

    static List<Arguments> errors() {
        return List.of(
                Arguments.of(new NotFound("no such user"), 404, "no such user"),
                Arguments.of(new BadRequest("age must be a number"), 400, "age must be a number"),
                Arguments.of(new Forbidden("admins only"), 403, "admins only"),
                Arguments.of(new Unauthorized("log in first"), 401, "log in first"),
                Arguments.of(new MethodNotAllowed("PUT", List.of("GET")), 405, "Method PUT is not allowed here"),
                Arguments.of(new Conflict("login taken"), 409, "login taken"),
                Arguments.of(new PayloadTooLarge("too big"), 413, "too big"),
                Arguments.of(new HttpError(503, "down for <maintenance>"), 503, "down for &lt;maintenance&gt;"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void httpErrorsAnswerWithTheirStatusAndEscapedMessage(HttpError error, int status, String text) throws Exception {
        try (LiveServer server = new LiveServer(new WebApp().get("/", req -> {
            throw error;
        }))) {
            HttpResponse<String> r = server.get("/");
            assertThat(r.statusCode()).isEqualTo(status);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(r.body()).contains(text);
        }
    }

    @Test
    void redirectsCarryTheirLocation() throws Exception {
        WebApp app = new WebApp()
                .get("/see", req -> {
                    throw new SeeOther("/done");
                })
                .get("/found", req -> {
                    throw new Found("https://example.org/x");
                })
                .get("/temp", req -> {
                    throw new TemporaryRedirect("//cdn.example.org/y");
                })
                .get("/login", req -> {
                    req.response().cookie(Cookie.of("session", "abc"));
                    throw new SeeOther("/home");
                });
        try (LiveServer server = new LiveServer(app)) {
            HttpResponse<String> see = server.get("/see");
            assertThat(see.statusCode()).isEqualTo(303);
            assertThat(see.headers().firstValue("Location")).hasValue("/done");
            HttpResponse<String> found = server.get("/found");
            assertThat(found.statusCode()).isEqualTo(302);
            assertThat(found.headers().firstValue("Location")).hasValue("https://example.org/x");
            HttpResponse<String> temp = server.get("/temp");
            assertThat(temp.statusCode()).isEqualTo(307);
            assertThat(temp.headers().firstValue("Location")).hasValue("//cdn.example.org/y");
            HttpResponse<String> login = server.get("/login");
            assertThat(login.headers().firstValue("Set-Cookie")).hasValue("session=abc; Path=/; HttpOnly");
        }
    }

    @Test
    void unauthorizedBasicAddsTheChallenge() throws Exception {
        try (LiveServer server = new LiveServer(new WebApp().get("/", req -> {
            throw Unauthorized.basic("Admin area");
        }))) {
            HttpResponse<String> r = server.get("/");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Admin area\", charset=\"UTF-8\"");
        }
    }

    @Test
    void customErrorPagesPerStatus() throws Exception {
        WebApp app = new WebApp()
                .get("/teapot", req -> {
                    throw new Forbidden("not you");
                })
                .get("/boom", req -> {
                    throw new IllegalStateException("secret detail");
                })
                .errorPage(404, (req, e) -> "<h1>Lost?</h1><p>" + Html.escape(req.path()) + "</p>")
                .errorPage(403, (req, e) -> Response.text("custom " + e.getMessage()).withStatus(451))
                .errorPage(500, (req, e) -> "sorry, cause was logged: " + (e.getCause() != null));
        try (LiveServer server = new LiveServer(app)) {
            HttpResponse<String> lost = server.get("/a%3Cb");
            assertThat(lost.statusCode()).isEqualTo(404);
            assertThat(lost.body()).isEqualTo("<h1>Lost?</h1><p>/a&lt;b</p>");
            HttpResponse<String> forbidden = server.get("/teapot");
            assertThat(forbidden.statusCode()).isEqualTo(451);
            assertThat(forbidden.body()).isEqualTo("custom not you");
            HttpResponse<String> boom = server.get("/boom");
            assertThat(boom.statusCode()).isEqualTo(500);
            assertThat(boom.body()).isEqualTo("sorry, cause was logged: true");
        }
    }

    @Test
    void uncaughtExceptionIsA500WithoutStackTraceInProduction() throws Exception {
        try (LiveServer server = new LiveServer(new WebApp().get("/", req -> {
            throw new IllegalStateException("db password is hunter2");
        }))) {
            HttpResponse<String> r = server.get("/");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).contains("500 Internal Server Error")
                    .doesNotContain("hunter2").doesNotContain("IllegalStateException").doesNotContain("at dev.");
        }
    }

    @Test
    void devModeShowsTheDebugPageEscaped() throws Exception {
        WebApp app = new WebApp(WebConfig.defaults().withDevMode(true)).get("/", req -> {
            throw new IllegalStateException("bad <input>");
        });
        try (LiveServer server = new LiveServer(app)) {
            HttpResponse<String> r = server.send(server.request("/?q=%3Cscript%3E").header("X-Probe", "<b>").build());
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body())
                    .contains("java.lang.IllegalStateException: bad &lt;input&gt;")
                    .contains("at dev.gatehouse.web.ErrorsTest")
                    .contains("<td>HTTP_X_PROBE</td><td>&lt;b&gt;</td>")
                    .contains("<td>QUERY_STRING</td><td>q=%3Cscript%3E</td>")
                    .doesNotContain("<b>");
        }
    }

    @Test
    void failingErrorPageFallsBackToThePlainOne() throws Exception {
        WebApp app = new WebApp().errorPage(404, (req, e) -> {
            throw new IllegalStateException("broken page");
        });
        try (LiveServer server = new LiveServer(app)) {
            HttpResponse<String> r = server.get("/x");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("404 Not Found");
        }
    }
}
