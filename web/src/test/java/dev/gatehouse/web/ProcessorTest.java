package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ProcessorTest {

    @Test
    void processorsWrapHandlersInOrderAndShareAttributes() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        WebApp app = new WebApp()
                .processor((req, next) -> {
                    seen.add("outer " + req.path());
                    req.attribute("user", "ann");
                    Object result = next.proceed();
                    req.response().header("X-Outer", "done");
                    return result;
                })
                .processor((req, next) -> {
                    if (req.path().startsWith("/admin") && !"bo".equals(req.attribute("user"))) throw new Forbidden("admins only");
                    return next.proceed();
                })
                .get("/hello", req -> "hello " + req.attribute("user"))
                .get("/admin", req -> "secret")
                .get("/recursion", req -> recurse(1));
        try (LiveServer server = new LiveServer(app)) {
            HttpResponse<String> hello = server.get("/hello");
            assertThat(hello.body()).isEqualTo("hello ann");
            assertThat(hello.headers().firstValue("X-Outer")).hasValue("done");
            HttpResponse<String> admin = server.get("/admin");
            assertThat(admin.statusCode()).isEqualTo(403);
            assertThat(admin.body()).contains("admins only");
            assertThat(server.get("/missing").statusCode()).isEqualTo(404);
            assertThat(seen).containsExactly("outer /hello", "outer /admin", "outer /missing");
            assertThat(server.get("/recursion").statusCode()).isEqualTo(500);
        }
    }

    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }
}
