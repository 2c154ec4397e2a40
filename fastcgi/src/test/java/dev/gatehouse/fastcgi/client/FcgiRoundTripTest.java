package dev.gatehouse.fastcgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.Validator;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.fastcgi.server.FcgiConfig;
import dev.gatehouse.fastcgi.server.FcgiServer;
import dev.gatehouse.middleware.UrlMap;
import dev.gatehouse.testkit.FixtureApps;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gatehouse on both sides of FastCGI: HTTP -> Gatehouse (the {@code fastcgi:} mount, checked by
 * a Validator as an app) -> FastCGI -> Gatehouse's FcgiServer -> a Validator-checked fixture app.
 */
class FcgiRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void requestsCrossFastCgiBothWaysWithinTheContract() throws Exception {
        Validator inner = new Validator();
        Application backendApp = UrlMap.of(Map.of("/echo", FixtureApps.echoBody(), "/streamed", FixtureApps.streamed(),
                "/path", FixtureApps.pathEcho()));
        for (boolean unix : new boolean[] {false, true}) {
            ListenAddress listen = unix ? ListenAddress.unix(dir.resolve("gh.sock")) : ListenAddress.tcp("127.0.0.1", 0);
            try (FcgiServer backend = new FcgiServer(inner.wrap(backendApp), FcgiConfig.defaults()).listen(listen).start()) {
                ListenAddress bound = backend.addresses().get(0);
                String target = bound.isUnix() ? "fastcgi:" + bound : "fastcgi://" + bound;
                Validator outer = new Validator();
                try (FcgiProxyApp proxy = new FcgiProxyApp(FcgiTarget.parse(target), FcgiClientConfig.defaults());
                     GatehouseFront front = GatehouseFront.start(Map.of("/gh", outer.wrap(proxy)))) {
                    byte[] body = new byte[200_000];
                    Arrays.fill(body, (byte) 'x');
                    HttpResponse<byte[]> echoed = front.client().send(HttpRequest.newBuilder(java.net.URI.create(front.url("/gh/echo")))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "text/x-test").build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(echoed.statusCode()).isEqualTo(200);
                    assertThat(echoed.headers().firstValue("Content-Type")).hasValue("text/x-test");
                    assertThat(echoed.body()).isEqualTo(body);

                    HttpResponse<String> streamed = front.get("/gh/streamed");
                    assertThat(streamed.body()).isEqualTo(FixtureApps.STREAMED_TEXT);

                    HttpResponse<String> path = front.get("/gh/path/a%20b");
                    assertThat(path.body()).isEqualTo("/a b");
                    assertThat(front.get("/gh/nowhere").statusCode()).isEqualTo(404);
                    assertThat(outer.violations()).isEmpty();
                }
            }
        }
        assertThat(inner.violations()).isEmpty();
    }
}
