package dev.gatehouse.scgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.Validator;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.proxy.BackendTarget;
import dev.gatehouse.core.proxy.StreamClientConfig;
import dev.gatehouse.core.stream.StreamServerConfig;
import dev.gatehouse.middleware.UrlMap;
import dev.gatehouse.scgi.server.ScgiServer;
import dev.gatehouse.testkit.EnvironLines;
import dev.gatehouse.testkit.FixtureApps;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gatehouse on both sides of SCGI: HTTP -> Gatehouse (the {@code scgi:} mount, checked by a
 * Validator as an app) -> SCGI -> Gatehouse's ScgiServer -> a Validator-checked fixture app.
 */
class ScgiRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "unix socket: {0}")
    @ValueSource(booleans = {false, true})
    void requestsCrossScgiBothWaysWithinTheContract(boolean unix) throws Exception {
        Validator inner = new Validator();
        Application backendApp = UrlMap.of(Map.of("/echo", FixtureApps.echoBody(), "/streamed", FixtureApps.streamed(),
                "/path", FixtureApps.pathEcho(), "/environ", FixtureApps.environ(), "/large", FixtureApps.largeBody()));
        ListenAddress listen = unix ? ListenAddress.unix(dir.resolve("gh.sock")) : ListenAddress.tcp("127.0.0.1", 0);
        try (ScgiServer backend = new ScgiServer(inner.wrap(backendApp), StreamServerConfig.defaults()).listen(listen).start()) {
            Validator outer = new Validator();
            BackendTarget target = new BackendTarget(ScgiProxyApp.SCHEME, backend.addresses().getFirst());
            try (ScgiProxyApp proxy = new ScgiProxyApp(target, StreamClientConfig.defaults());
                 GatehouseFront front = GatehouseFront.start(Map.of("/gh", outer.wrap(proxy)))) {
                byte[] body = new byte[200_000];
                Arrays.fill(body, (byte) 'x');
                HttpResponse<byte[]> echoed = front.client().send(HttpRequest.newBuilder(URI.create(front.url("/gh/echo")))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "text/x-test").build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(echoed.statusCode()).isEqualTo(200);
                assertThat(echoed.headers().firstValue("Content-Type")).hasValue("text/x-test");
                assertThat(echoed.body()).isEqualTo(body);

                assertThat(front.get("/gh/streamed").body()).isEqualTo(FixtureApps.STREAMED_TEXT);
                HttpResponse<byte[]> large = front.client().send(HttpRequest.newBuilder(URI.create(front.url("/gh/large"))).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(large.body()).isEqualTo(FixtureApps.largeBodyContent());

                // the mount's SCRIPT_NAME and PATH_INFO go over as they are, and come out whole on the other side
                HttpResponse<String> path = front.get("/gh/path/caf%C3%A9/a%20b");
                assertThat(path.body()).isEqualTo("/caf\u00e9/a b");
                Map<String, String> environ = EnvironLines.parse(front.get("/gh/environ?q=1", "X-Custom", "v").body()
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                assertThat(environ).containsEntry("SCRIPT_NAME", "/gh/environ").containsEntry("PATH_INFO", "")
                        .containsEntry("QUERY_STRING", "q=1").containsEntry("HTTP_X_CUSTOM", "v")
                        .containsEntry("SCGI", "1").containsEntry("SERVER_SOFTWARE", "Gatehouse");
                assertThat(front.get("/gh/nowhere").statusCode()).isEqualTo(404);
                assertThat(outer.violations()).isEmpty();
            }
        }
        assertThat(inner.violations()).isEmpty();
    }
}
