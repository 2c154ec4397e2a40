package dev.gatehouse.scgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.proxy.BackendTarget;
import dev.gatehouse.core.proxy.StreamClientConfig;
import dev.gatehouse.testkit.FixtureApps;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the {@code scgi:} mount sends on the wire and how it takes answers, against a scripted backend. */
class ScgiProxyAppProtocolTest {
    private static final byte[] OK = "Status: 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);

    private static BackendTarget target(ScriptedBackend backend) {
        return BackendTarget.parse(ScgiProxyApp.SCHEME, "scgi://127.0.0.1:" + backend.port());
    }

    @Test
    void sendsAStrictHeaderWithContentLengthFirstThenTheBody() throws Exception {
        try (ScriptedBackend backend = new ScriptedBackend(OK);
             ScgiProxyApp proxy = new ScgiProxyApp(target(backend), StreamClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/app", proxy))) {
            HttpResponse<String> r = front.post("/app/x/y?z=1", HttpRequest.BodyPublishers.ofString("hello"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("ok");
            ScriptedBackend.Received got = backend.next();
            assertThat(got.variables()).as("decoded by the strict server-side codec").isNotNull();
            assertThat(List.copyOf(got.variables().keySet()).subList(0, 2)).containsExactly("CONTENT_LENGTH", "SCGI");
            assertThat(got.variables()).containsEntry("CONTENT_LENGTH", "5").containsEntry("SCGI", "1")
                    .containsEntry("REQUEST_METHOD", "POST").containsEntry("SCRIPT_NAME", "/app").containsEntry("PATH_INFO", "/x/y")
                    .containsEntry("QUERY_STRING", "z=1").containsEntry("REQUEST_URI", "/app/x/y?z=1")
                    .containsEntry("CONTENT_TYPE", "application/octet-stream").containsEntry("GATEWAY_INTERFACE", "CGI/1.1");
            assertThat(got.variables().keySet()).noneMatch(k -> k.startsWith("gateway."));
            assertThat(got.body()).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aGetGoesOutWithContentLengthZero() throws Exception {
        try (ScriptedBackend backend = new ScriptedBackend(OK);
             ScgiProxyApp proxy = new ScgiProxyApp(target(backend), StreamClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/app", proxy))) {
            assertThat(front.get("/app/").statusCode()).isEqualTo(200);
            ScriptedBackend.Received got = backend.next();
            assertThat(got.variables()).containsEntry("CONTENT_LENGTH", "0").doesNotContainKey("CONTENT_TYPE");
            assertThat(got.body()).isEmpty();
        }
    }

    @Test
    void aPathWithNulCannotGoOverScgiAndIsAnswered400() throws Exception {
        try (ScriptedBackend backend = new ScriptedBackend(OK);
             ScgiProxyApp proxy = new ScgiProxyApp(target(backend), StreamClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/app", proxy))) {
            HttpResponse<String> r = front.get("/app/a%00b");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).isEqualTo("400 Bad Request\n");
            assertThat(front.get("/app/fine").statusCode()).isEqualTo(200);
            assertThat(backend.next().variables()).containsEntry("PATH_INFO", "/fine");
            assertThat(backend.pending()).as("the refused request never reached the backend").isZero();
        }
    }

    @Test
    void aLocalRedirectIsServedByTheRootApplication() throws Exception {
        byte[] redirect = "Location: /other/place?x=1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        GatehouseFront.Root root = new GatehouseFront.Root();
        try (ScriptedBackend backend = new ScriptedBackend(redirect);
             ScgiProxyApp proxy = new ScgiProxyApp(target(backend), StreamClientConfig.defaults(), root.app::get);
             GatehouseFront front = GatehouseFront.start(root, Map.of("/app", proxy, "/other", FixtureApps.pathEcho()))) {
            HttpResponse<String> r = front.get("/app/start");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("/place");
        }
    }

    @Test
    void aTargetOfAnotherSchemeIsRefused() {
        BackendTarget uwsgi = BackendTarget.parse("uwsgi", "uwsgi://127.0.0.1:4000");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScgiProxyApp(uwsgi, StreamClientConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an scgi target");
    }
}
