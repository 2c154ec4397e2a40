package dev.gatehouse.fastcgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FcgiProxyAppBackendDownTest {
    @TempDir
    Path dir;

    @Test
    void refusedTcpBackendIs502() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        try (FcgiProxyApp proxy = new FcgiProxyApp(FcgiTarget.parse("fastcgi://127.0.0.1:" + port), FcgiClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/php", proxy))) {
            HttpResponse<String> r = front.get("/php/x.php");
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(proxy.pool().available()).isEqualTo(FcgiClientConfig.defaults().maxConnections());
        }
    }

    @Test
    void backendWhoseNameDoesNotResolveIs502() throws Exception {
        // .invalid never resolves (RFC 6761); this was a 500 with an UnresolvedAddressException's stack trace
        try (FcgiProxyApp proxy = new FcgiProxyApp(FcgiTarget.parse("fastcgi://backend.invalid:9000"), FcgiClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/php", proxy))) {
            assertThat(front.get("/php/x.php").statusCode()).isEqualTo(502);
            assertThat(proxy.pool().available()).isEqualTo(FcgiClientConfig.defaults().maxConnections());
        }
    }

    @Test
    void missingUnixSocketIs502() throws Exception {
        try (FcgiProxyApp proxy = new FcgiProxyApp(FcgiTarget.parse("fastcgi:unix:" + dir.resolve("none.sock")), FcgiClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/php", proxy))) {
            assertThat(front.get("/php/x.php").statusCode()).isEqualTo(502);
        }
    }
}
