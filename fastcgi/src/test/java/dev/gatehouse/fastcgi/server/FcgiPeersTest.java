package dev.gatehouse.fastcgi.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.testkit.FixtureApps;
import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import dev.gatehouse.testkit.peers.ApacheLauncher;
import dev.gatehouse.testkit.peers.PeerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Gatehouse over FastCGI with real clients: libfcgi's cgi-fcgi, and Apache mod_authnz_fcgi using the Authorizer role. */
class FcgiPeersTest {
    private static final Path CGI_FCGI = Path.of("/usr/bin/cgi-fcgi");
    private FcgiServer server;

    @AfterEach
    void stop() {
        if (server != null) server.shutdown();
    }

    private int serve(Application app) throws IOException {
        server = new FcgiServer(app, FcgiConfig.defaults()).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        return server.addresses().getFirst().port();
    }

    @Test
    void cgiFcgiGetsTheResponseAndItsBodyIsEchoed() throws Exception {
        PeerProcess.require(CGI_FCGI, "apt-get install libfcgi-bin");
        int port = serve(FixtureApps.echoBody());
        ProcessBuilder pb = new ProcessBuilder(CGI_FCGI.toString(), "-bind", "-connect", "127.0.0.1:" + port);
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(Map.of("REQUEST_METHOD", "POST", "SCRIPT_NAME", "/echo", "REQUEST_URI", "/echo", "QUERY_STRING", "",
                "CONTENT_LENGTH", "11", "CONTENT_TYPE", "text/plain", "SERVER_NAME", "localhost", "SERVER_PORT", "80",
                "SERVER_PROTOCOL", "HTTP/1.1"));
        Process process = pb.start();
        process.getOutputStream().write("hello world".getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).startsWith("Status: 200 OK\r\n").contains("Content-Type: text/plain\r\n").endsWith("\r\n\r\nhello world");
    }

    /** Authorizer: a token header allows (naming the user and a group); anything else is denied. Responder: who was let in. */
    private static Application guardedApp() {
        return (environ, start) -> {
            if ("AUTHORIZER".equals(environ.getString("FCGI_ROLE"))) {
                if ("letmein".equals(environ.header("X-Token"))) {
                    start.start(Status.OK, List.of(Header.of("Variable-REMOTE_USER", "alice"), Header.of("Variable-GATEHOUSE_GROUP", "admins")));
                    return Body.empty();
                }
                start.start(Status.of(403), List.of(Header.of("Content-Type", "text/plain")));
                return Body.of("denied by gatehouse\n");
            }
            start.start(Status.OK, List.of(Header.of("Content-Type", "text/plain")));
            return Body.of("user=" + environ.getString("REMOTE_USER") + " group=" + environ.getString("GATEHOUSE_GROUP"));
        };
    }

    @Test
    void apacheModAuthnzFcgiAllowsAndDeniesThroughTheAuthorizerRole() throws Exception {
        ApacheLauncher.require();
        int port = serve(guardedApp());
        String backend = "fcgi://127.0.0.1:" + port + "/";
        try (PeerProcess apache = ApacheLauncher.start(List.of("authn_core", "auth_basic", "authnz_fcgi", "proxy", "proxy_fcgi"), """
                AuthnzFcgiDefineProvider authnz GatehouseAuth %1$s
                <Location "/protected">
                    AuthType Basic
                    AuthName "gatehouse"
                    AuthnzFcgiCheckAuthnProvider GatehouseAuth Authoritative On RequireBasicAuth Off UserExpr "%%{reqenv:REMOTE_USER}"
                    Require GatehouseAuth
                    ProxyPass "%1$s"
                </Location>
                """.formatted(backend))) {
            RawResponse allowed = get(apache, "/protected/page", "letmein");
            assertThat(allowed.status()).as(apache.logs()).isEqualTo(200);
            assertThat(allowed.bodyText()).isEqualTo("user=alice group=admins");
            RawResponse denied = get(apache, "/protected/page", "wrong");
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.bodyText()).contains("denied by gatehouse");
        }
    }

    private static RawResponse get(PeerProcess peer, String path, String token) throws IOException {
        try (RawHttpClient client = RawHttpClient.connect(peer.address())) {
            client.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Token: " + token + "\r\nConnection: close\r\n\r\n");
            return client.readFinalResponse("GET");
        }
    }
}
