package dev.gatehouse.uwsgi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.proxy.BackendTarget;
import dev.gatehouse.core.proxy.StreamClientConfig;
import dev.gatehouse.uwsgi.codec.UwsgiException;
import dev.gatehouse.uwsgi.codec.UwsgiPacketHeader;
import dev.gatehouse.uwsgi.codec.UwsgiVarsDecoder;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UwsgiProxyAppTest {
    @TempDir
    Path dir;

    @Test
    void theHeadIsAWsgiPacketWithTheCgiVariablesButNoMagicOnes() throws Exception {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("REQUEST_METHOD", "GET");
        vars.put("PATH_INFO", "/x");
        vars.put("UWSGI_FILE", "/tmp/evil.py");
        vars.put("UWSGI_SCHEME", "https");
        byte[] head = UwsgiProxyApp.encodeHead(vars);
        UwsgiPacketHeader header = UwsgiPacketHeader.decode(head, 0);
        assertThat(header.modifier1()).isZero();
        assertThat(header.modifier2()).isZero();
        assertThat(UwsgiVarsDecoder.withDefaults().decode(head, 4, header.datasize()))
                .containsExactly(Map.entry("REQUEST_METHOD", "GET"), Map.entry("PATH_INFO", "/x"));
    }

    @Test
    void varsTooLargeForTheFormatAre431() {
        Map<String, String> vars = Map.of("HTTP_X_HUGE", "x".repeat(70_000));
        assertThatThrownBy(() -> UwsgiProxyApp.encodeHead(vars)).isInstanceOf(UwsgiException.class)
                .hasMessageContaining("64 KiB limit of the uwsgi format")
                .satisfies(e -> assertThat(((UwsgiException) e).status()).isEqualTo(431));
    }

    @Test
    void targetsAreUwsgiOnes() {
        assertThat(UwsgiProxyApp.target("uwsgi://127.0.0.1:3031").address()).isEqualTo(ListenAddress.tcp("127.0.0.1", 3031));
        assertThat(UwsgiProxyApp.target("uwsgi:unix:/run/app.sock").address().unixPath()).isEqualTo(Path.of("/run/app.sock"));
        assertThatThrownBy(() -> UwsgiProxyApp.target("scgi://127.0.0.1:4000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UwsgiProxyApp(BackendTarget.parse("scgi", "scgi://127.0.0.1:4000"), StreamClientConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a uwsgi target");
    }

    @Test
    void aRefusedTcpBackendIs502() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        try (UwsgiProxyApp proxy = new UwsgiProxyApp(UwsgiProxyApp.target("uwsgi://127.0.0.1:" + port), StreamClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/py", proxy))) {
            assertThat(front.get("/py/x").statusCode()).isEqualTo(502);
        }
    }

    @Test
    void aMissingUnixSocketIs502() throws Exception {
        try (UwsgiProxyApp proxy = new UwsgiProxyApp(UwsgiProxyApp.target("uwsgi:unix:" + dir.resolve("none.sock")), StreamClientConfig.defaults());
             GatehouseFront front = GatehouseFront.start(Map.<String, Application>of("/py", proxy))) {
            assertThat(front.get("/py/x").statusCode()).isEqualTo(502);
        }
    }
}
