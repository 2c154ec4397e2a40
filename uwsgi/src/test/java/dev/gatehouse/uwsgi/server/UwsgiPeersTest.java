package dev.gatehouse.uwsgi.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.stream.StreamServerConfig;
import dev.gatehouse.testkit.EnvironLines;
import dev.gatehouse.testkit.FixtureApps;
import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import dev.gatehouse.testkit.peers.ApacheLauncher;
import dev.gatehouse.testkit.peers.NginxLauncher;
import dev.gatehouse.testkit.peers.PeerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What real web servers send over uwsgi beyond the conformance suite's root mount, and how the
 * server reads it: nginx with a SCRIPT_NAME of the user's, with {@code uwsgi_modifier1 30}, with
 * repeated request headers and with a modifier Gatehouse does not serve; Apache mounting under a
 * prefix.
 */
class UwsgiPeersTest {
    private UwsgiServer server;
    private PeerProcess peer;

    @AfterEach
    void stop() throws IOException {
        if (peer != null) peer.close();
        if (server != null) server.shutdown();
    }

    private String serve(Application app) throws IOException {
        server = new UwsgiServer(app, StreamServerConfig.defaults()).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        return server.addresses().getFirst().toString();
    }

    private RawResponse get(String target, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (String line : headerLines) request.append(line).append("\r\n");
        try (RawHttpClient client = RawHttpClient.connect(peer.address())) {
            client.send(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            return client.readFinalResponse("GET");
        }
    }

    private Map<String, String> environ(String target, String... headerLines) throws IOException {
        RawResponse r = get(target, headerLines);
        assertThat(r.status()).as("%s\n%s", r.bodyText(), peer.logs()).isEqualTo(200);
        return EnvironLines.parse(r.body());
    }

    @Test
    void nginxWithAScriptNameOfTheUsersMountsTheAppThere() throws Exception {
        String upstream = serve(FixtureApps.environ());
        peer = NginxLauncher.start("", "location /app/ { include " + UwsgiConformanceTest.UWSGI_PARAMS + "; uwsgi_param SCRIPT_NAME /app; "
                + "uwsgi_pass " + upstream + "; }");
        assertThat(environ("/app/x/a%20b?q=1")).containsEntry("SCRIPT_NAME", "/app").containsEntry("PATH_INFO", "/x/a b")
                .containsEntry("QUERY_STRING", "q=1").containsEntry("REQUEST_URI", "/app/x/a%20b?q=1");
        assertThat(environ("/app/")).containsEntry("SCRIPT_NAME", "/app").containsEntry("PATH_INFO", "/");
    }

    @Test
    void nginxWithModifier30MountsTheAppThere() throws Exception {
        String upstream = serve(FixtureApps.environ());
        peer = NginxLauncher.start("", "location /app/ { include " + UwsgiConformanceTest.UWSGI_PARAMS + "; uwsgi_param SCRIPT_NAME /app; "
                + "uwsgi_modifier1 30; uwsgi_pass " + upstream + "; }");
        assertThat(environ("/app/app/x")).containsEntry("SCRIPT_NAME", "/app").containsEntry("PATH_INFO", "/app/x");
    }

    @Test
    void nginxPassesRepeatedHeadersSeparatelyAndTheyArriveCombined() throws Exception {
        String upstream = serve(FixtureApps.environ());
        peer = NginxLauncher.start("", "location / { include " + UwsgiConformanceTest.UWSGI_PARAMS + "; uwsgi_pass " + upstream + "; }");
        assertThat(environ("/", "X-Multi: a", "X-Multi: b", "Cookie: a=1", "Cookie: b=2"))
                .containsEntry("HTTP_X_MULTI", "a, b").containsEntry("HTTP_COOKIE", "a=1; b=2");
    }

    @Test
    void nginxRelaysTheRefusalOfAnUnsupportedModifier() throws Exception {
        String upstream = serve(FixtureApps.hello());
        peer = NginxLauncher.start("", "location / { include " + UwsgiConformanceTest.UWSGI_PARAMS + "; uwsgi_modifier1 5; uwsgi_pass "
                + upstream + "; }");
        RawResponse r = get("/");
        assertThat(r.status()).isEqualTo(501);
        assertThat(r.bodyText()).contains("modifier1 5 (PSGI (Perl) request) is not served");
    }

    @Test
    void apacheReachesAUnixSocket(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        server = new UwsgiServer(FixtureApps.environ(), StreamServerConfig.defaults()).listen(ListenAddress.unix(dir.resolve("uwsgi.sock"))).start();
        peer = ApacheLauncher.start(List.of("proxy", "proxy_uwsgi"), "ProxyPass \"/\" \"unix:" + dir.resolve("uwsgi.sock") + "|uwsgi://localhost/\"");
        assertThat(environ("/x?y=1")).containsEntry("SCRIPT_NAME", "").containsEntry("PATH_INFO", "/x").containsEntry("QUERY_STRING", "y=1");
    }

    @Test
    void apacheMountingUnderAPrefixSplitsScriptNameItself() throws Exception {
        String upstream = serve(FixtureApps.environ());
        peer = ApacheLauncher.start(List.of("proxy", "proxy_uwsgi"), "ProxyPass \"/app\" \"uwsgi://" + upstream + "/\"");
        assertThat(environ("/app/x/a%20b")).containsEntry("SCRIPT_NAME", "/app").containsEntry("PATH_INFO", "/x/a b");
        assertThat(environ("/app/app/x")).as("PATH_INFO that starts like SCRIPT_NAME keeps it")
                .containsEntry("SCRIPT_NAME", "/app").containsEntry("PATH_INFO", "/app/x");
    }
}
