package dev.gatehouse.scgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.proxy.BackendTarget;
import dev.gatehouse.core.proxy.StreamClientConfig;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScgiProxyAppBackendDownTest {
    @TempDir
    Path dir;

    @Test
    void refusedTcpBackendIs502() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        BackendTarget target = BackendTarget.parse(ScgiProxyApp.SCHEME, "scgi://127.0.0.1:" + port);
        try (ScgiProxyApp proxy = new ScgiProxyApp(target, StreamClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/app", proxy))) {
            HttpResponse<String> r = front.get("/app/x");
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.body()).isEqualTo("502 Bad Gateway\n");
        }
    }

    @Test
    void backendWhoseNameDoesNotResolveIs502() throws Exception {
        // .invalid never resolves (RFC 6761); this was a 500 with an UnresolvedAddressException's stack trace
        BackendTarget target = BackendTarget.parse(ScgiProxyApp.SCHEME, "scgi://backend.invalid:4000");
        try (ScgiProxyApp proxy = new ScgiProxyApp(target, StreamClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/app", proxy))) {
            HttpResponse<String> r = front.get("/app/x");
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.body()).isEqualTo("502 Bad Gateway\n");
        }
    }

    @Test
    void missingUnixSocketIs502() throws Exception {
        BackendTarget target = BackendTarget.parse(ScgiProxyApp.SCHEME, "scgi:unix:" + dir.resolve("none.sock"));
        try (ScgiProxyApp proxy = new ScgiProxyApp(target, StreamClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/app", proxy))) {
            assertThat(front.get("/app/x").statusCode()).isEqualTo(502);
        }
    }
}
