package dev.gatehouse.uwsgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.Validator;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.proxy.BackendTarget;
import dev.gatehouse.core.proxy.StreamClientConfig;
import dev.gatehouse.core.stream.StreamServerConfig;
import dev.gatehouse.middleware.UrlMap;
import dev.gatehouse.testkit.EnvironLines;
import dev.gatehouse.testkit.FixtureApps;
import dev.gatehouse.uwsgi.server.UwsgiServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gatehouse on both sides of uwsgi: HTTP -> Gatehouse (the {@code uwsgi:} mount, checked by a
 * Validator as an app) -> uwsgi -> Gatehouse's UwsgiServer -> a Validator-checked fixture app.
 */
class UwsgiRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void requestsCrossUwsgiBothWaysWithinTheContract() throws Exception {
        Validator inner = new Validator();
        Application backendApp = UrlMap.of(Map.of("/echo", FixtureApps.echoBody(), "/streamed", FixtureApps.streamed(),
                "/path", FixtureApps.pathEcho(), "/environ", FixtureApps.environ()));
        for (boolean unix : new boolean[] {false, true}) {
            ListenAddress listen = unix ? ListenAddress.unix(dir.resolve("gh.sock")) : ListenAddress.tcp("127.0.0.1", 0);
            try (UwsgiServer backend = new UwsgiServer(inner.wrap(backendApp), StreamServerConfig.defaults()).listen(listen).start()) {
                Validator outer = new Validator();
                try (UwsgiProxyApp proxy = new UwsgiProxyApp(new BackendTarget(UwsgiProxyApp.SCHEME, backend.addresses().getFirst()),
                        StreamClientConfig.defaults());
                     GatehouseFront front = GatehouseFront.start(Map.of("/gh", outer.wrap(proxy)))) {
                    byte[] body = FixtureApps.pattern(200_000);
                    HttpResponse<byte[]> echoed = front.send(front.request("/gh/echo").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .header("Content-Type", "text/x-test").build(), HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(echoed.statusCode()).isEqualTo(200);
                    assertThat(echoed.headers().firstValue("Content-Type")).hasValue("text/x-test");
                    assertThat(echoed.body()).isEqualTo(body);

                    HttpResponse<byte[]> chunked = front.send(front.request("/gh/echo")
                            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(chunked.body()).isEqualTo(body);

                    assertThat(front.get("/gh/streamed").body()).isEqualTo(FixtureApps.STREAMED_TEXT);
                    assertThat(front.get("/gh/path/a%20b").body()).isEqualTo("/a b");
                    assertThat(front.get("/gh/nowhere").statusCode()).isEqualTo(404);

                    HttpResponse<byte[]> environ = front.send(front.request("/gh/environ/x?q=1").build(), HttpResponse.BodyHandlers.ofByteArray());
                    Map<String, String> env = EnvironLines.parse(environ.body());
                    assertThat(env).as("the backend's environ: the front's mount and the backend's own both in SCRIPT_NAME")
                            .containsEntry("SCRIPT_NAME", "/gh/environ").containsEntry("PATH_INFO", "/x").containsEntry("QUERY_STRING", "q=1");
                    assertThat(outer.violations()).isEmpty();
                }
            }
        }
        assertThat(inner.violations()).isEmpty();
    }
}
