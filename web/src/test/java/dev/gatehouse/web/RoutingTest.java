package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class RoutingTest {

    private static WebApp app() {
        return new WebApp()
                .route("/", Handlers.Index.class)
                .route("/users/(\\d+)", Handlers.User.class)
                .route("/users/(.*)", Handlers.Catchall.class)
                .route("/pair/(\\w+)-(\\w+)", Handlers.Pair.class)
                .route("/hello", Handlers.WithRequest.class)
                .route("/(.*)", Handlers.Catchall.class);
    }

    @Test
    void firstFullMatchWinsAndGroupsBecomeArguments() throws Exception {
        try (LiveServer server = new LiveServer(app())) {
            assertThat(server.get("/").body()).isEqualTo("index");
            assertThat(server.get("/users/42").body()).isEqualTo("user 42");
            assertThat(server.get("/users/bob").body()).isEqualTo("catchall bob");
            assertThat(server.get("/pair/a-b").body()).isEqualTo("a+b");
            // a partial match does not count: "/users/42/x" is no full match of "/users/(\d+)"
            assertThat(server.get("/users/42/x").body()).isEqualTo("catchall 42/x");
            // groups see the decoded path
            assertThat(server.get("/users/Zo%C3%AB").body()).isEqualTo("catchall Zoë");
        }
    }

    @Test
    void handlerMethodsMayTakeTheRequestFirst() throws Exception {
        try (LiveServer server = new LiveServer(app())) {
            HttpResponse<String> r = server.postForm("/users/7", "name=Ann");
            assertThat(r.body()).isEqualTo("posted 7 name=Ann");
            assertThat(server.get("/hello?who=Bo").body()).isEqualTo("hello Bo");
        }
    }

    @Test
    void noMatchIs404() throws Exception {
        try (LiveServer server = new LiveServer(new WebApp().route("/", Handlers.Index.class))) {
            HttpResponse<String> r = server.get("/nothing");
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("404 Not Found").contains("Nothing matches /nothing");
        }
    }

    @Test
    void missingMethodIs405WithAllow() throws Exception {
        try (LiveServer server = new LiveServer(app())) {
            HttpResponse<String> r = server.send(server.request("/users/1").DELETE().build());
            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).hasValue("GET, POST, HEAD");
            HttpResponse<String> put = server.send(server.request("/hello").PUT(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(put.headers().firstValue("Allow")).hasValue("GET, DELETE, HEAD");
        }
    }

    @Test
    void headFallsBackToGetWithoutBody() throws Exception {
        try (LiveServer server = new LiveServer(app())) {
            HttpResponse<String> r = server.send(server.request("/users/5").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Length")).hasValue("6");
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    void voidMethodAnswers204() throws Exception {
        try (LiveServer server = new LiveServer(app())) {
            HttpResponse<String> r = server.send(server.request("/hello").DELETE().build());
            assertThat(r.statusCode()).isEqualTo(204);
        }
    }

    @Test
    void classesAreInstantiatedPerRequestAndInstancesShared() throws Exception {
        Handlers.Counted shared = new Handlers.Counted();
        WebApp app = new WebApp().route("/per-request", Handlers.Counted.class).route("/shared", shared);
        try (LiveServer server = new LiveServer(app)) {
            int before = Handlers.Counted.INSTANCES.get();
            assertThat(server.get("/per-request").body()).isEqualTo("calls=1");
            assertThat(server.get("/per-request").body()).isEqualTo("calls=1");
            assertThat(Handlers.Counted.INSTANCES.get()).isEqualTo(before + 2);
            assertThat(server.get("/shared").body()).isEqualTo("calls=1");
            assertThat(server.get("/shared").body()).isEqualTo("calls=2");
        }
    }

    @Test
    void arityMismatchFailsWhenTheAppIsBuilt() {
        assertThatThrownBy(() -> new WebApp().route("/x/(\\d+)", Handlers.WrongArity.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Handlers$WrongArity.GET")
                .hasMessageContaining("'/x/(\\d+)'")
                .hasMessageContaining("1 String argument");
        assertThatThrownBy(() -> new WebApp().route("/x", Object.class)).hasMessageContaining("no public GET");
    }

    @Test
    void lambdaStyleSharesOneRoutePerPattern() throws Exception {
        WebApp app = new WebApp()
                .get("/greet/(\\w+)", req -> "hi " + req.group(1))
                .post("/greet/(\\w+)", req -> Response.text("created " + req.group(1)).withStatus(201))
                .route("PATCH", "/greet/(\\w+)", req -> "patched")
                .put("/thing", req -> "put " + req.bodyText())
                .delete("/thing", req -> null);
        try (LiveServer server = new LiveServer(app)) {
            assertThat(server.get("/greet/ann").body()).isEqualTo("hi ann");
            HttpResponse<String> post = server.send(server.request("/greet/bo").POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(post.statusCode()).isEqualTo(201);
            assertThat(post.body()).isEqualTo("created bo");
            assertThat(server.send(server.request("/greet/x").method("PATCH", HttpRequest.BodyPublishers.noBody()).build()).body())
                    .isEqualTo("patched");
            assertThat(server.send(server.request("/thing").PUT(HttpRequest.BodyPublishers.ofString("abc")).build()).body())
                    .isEqualTo("put abc");
            assertThat(server.send(server.request("/thing").DELETE().build()).statusCode()).isEqualTo(204);
            HttpResponse<String> notAllowed = server.send(server.request("/greet/x").DELETE().build());
            assertThat(notAllowed.statusCode()).isEqualTo(405);
            assertThat(notAllowed.headers().firstValue("Allow")).hasValue("GET, POST, PATCH, HEAD");
        }
    }

    @Test
    void mountedAppSeesThePrefixInScriptName() throws Exception {
        WebApp admin = new WebApp()
                .get("/", req -> "admin home at " + req.scriptName() + " path " + req.path())
                .get("/users/(\\d+)", req -> req.scriptName() + "|" + req.path() + "|" + req.url("/users/" + req.group(1)))
                .get("/go", req -> {
                    throw new SeeOther("/users/1");
                });
        WebApp root = new WebApp().mount("/admin", admin).get("/(.*)", req -> "root " + req.path());
        try (LiveServer server = new LiveServer(root)) {
            assertThat(server.get("/admin/users/3").body()).isEqualTo("/admin|/users/3|/admin/users/3");
            assertThat(server.get("/admin/").body()).isEqualTo("admin home at /admin path /");
            // PATH_INFO stays empty, as the server sent it, but routes match it as "/"
            assertThat(server.get("/admin").body()).isEqualTo("admin home at /admin path ");
            assertThat(server.get("/administrator").body()).isEqualTo("root /administrator");
            HttpResponse<String> redirect = server.get("/admin/go");
            assertThat(redirect.statusCode()).isEqualTo(303);
            assertThat(redirect.headers().firstValue("Location")).hasValue("/admin/users/1");
        }
    }

    @Test
    void anAppThatServesNoLongerChanges() throws Exception {
        WebApp app = new WebApp().get("/", req -> "home");
        try (LiveServer server = new LiveServer(app)) {
            assertThat(server.get("/").body()).isEqualTo("home");
        }
        assertThatThrownBy(() -> app.get("/late", req -> "late")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already serves requests");
        assertThatThrownBy(() -> app.errorPage(404, (req, e) -> "gone")).isInstanceOf(IllegalStateException.class);
    }
}
