package dev.gatehouse.scgi.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.testkit.EnvironLines;
import dev.gatehouse.testkit.FixtureApps;
import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import dev.gatehouse.testkit.peers.ApacheLauncher;
import dev.gatehouse.testkit.peers.NginxLauncher;
import dev.gatehouse.testkit.peers.PeerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the real web servers send over SCGI, and the recipes docs/scgi.md gives for them: an app
 * under a prefix with nginx and with Apache, and nginx's repeated request headers.
 */
class ScgiPeersTest {
    private ScgiServer server;

    @AfterEach
    void stop() {
        if (server != null) server.shutdown();
    }

    private ListenAddress serve(ScgiConfig config) throws IOException {
        server = new ScgiServer(FixtureApps.environ(), config).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        return server.addresses().getFirst();
    }

    private static RawResponse get(InetSocketAddress address, String target, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        for (String line : headerLines) request.append(line).append("\r\n");
        try (RawHttpClient client = RawHttpClient.connect(address)) {
            client.send(request.append("\r\n").toString());
            return client.readFinalResponse("GET");
        }
    }

    private static Map<String, String> environ(RawResponse response) {
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.ISO_8859_1)).isEqualTo(200);
        return EnvironLines.parse(response.body());
    }

    @Test
    void nginxWithAScriptNameParamMountsTheAppUnderItsPrefix() throws Exception {
        NginxLauncher.require();
        ListenAddress scgi = serve(ScgiConfig.defaults());
        String location = "location /app/ { include " + ScgiConformanceTest.SCGI_PARAMS + "; scgi_param SCRIPT_NAME /app; scgi_pass " + scgi + "; }";
        try (PeerProcess nginx = NginxLauncher.start("", location)) {
            Map<String, String> environ = environ(get(nginx.address(), "/app/caf%C3%A9/x%20y?q=1"));
            assertThat(environ).containsEntry("SCRIPT_NAME", "/app").containsEntry("PATH_INFO", "/caf\u00c3\u00a9/x y")
                    .containsEntry("QUERY_STRING", "q=1").containsEntry("REQUEST_URI", "/app/caf%C3%A9/x%20y?q=1");
        }
    }

    @Test
    void apacheWithProxyScgiPathinfoMountsTheAppUnderItsPrefix() throws Exception {
        ApacheLauncher.require();
        ListenAddress scgi = serve(ScgiConfig.defaults());
        String config = """
                LoadModule setenvif_module %s
                <Location "/app/">
                    SetEnvIf Request_URI . proxy-scgi-pathinfo
                </Location>
                ProxyPass "/app/" "scgi://%s/"
                """.formatted(ApacheLauncher.MODULES.resolve("mod_setenvif.so"), scgi);
        try (PeerProcess apache = ApacheLauncher.start(List.of("proxy", "proxy_scgi"), config)) {
            Map<String, String> environ = environ(get(apache.address(), "/app/caf%C3%A9/x%20y?q=1"));
            assertThat(environ).containsEntry("SCRIPT_NAME", "/app").containsEntry("PATH_INFO", "/caf\u00c3\u00a9/x y")
                    .containsEntry("QUERY_STRING", "q=1");
        }
    }

    @Test
    void apacheWithoutItMountsTheAppAtTheRootWhateverThePrefix() throws Exception {
        ApacheLauncher.require();
        ListenAddress scgi = serve(ScgiConfig.defaults());
        try (PeerProcess apache = ApacheLauncher.start(List.of("proxy", "proxy_scgi"), "ProxyPass \"/app/\" \"scgi://" + scgi + "/\"")) {
            Map<String, String> environ = environ(get(apache.address(), "/app/x%20y"));
            assertThat(environ).containsEntry("SCRIPT_NAME", "").containsEntry("PATH_INFO", "/app/x y");
        }
    }

    @Test
    void nginxBefore123RepeatsARepeatedHeaderWhichIsRefusedUnlessMerging() throws Exception {
        NginxLauncher.require();
        for (boolean merge : new boolean[] {false, true}) {
            ListenAddress scgi = serve(ScgiConfig.defaults().withMergeRepeatedHeaders(merge));
            String location = "location / { include " + ScgiConformanceTest.SCGI_PARAMS + "; scgi_pass " + scgi + "; }";
            try (PeerProcess nginx = NginxLauncher.start("", location)) {
                RawResponse r = get(nginx.address(), "/", "X-A: 1", "X-A: 2", "Cookie: a=1", "Cookie: b=2");
                if (!merge && nginxRepeatsHeaders()) {
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("HTTP_X_A twice");
                } else {
                    assertThat(environ(r)).containsEntry("HTTP_X_A", "1, 2").containsEntry("HTTP_COOKIE", "a=1; b=2");
                }
            } finally {
                server.shutdown();
            }
        }
    }

    /** nginx joins a repeated request header itself since 1.23.0; before, it sends it once per field. */
    private static boolean nginxRepeatsHeaders() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(NginxLauncher.BINARY.toString(), "-v").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        p.waitFor(10, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("nginx/(\\d+)\\.(\\d+)").matcher(out);
        if (!m.find()) throw new IOException("no nginx version in: " + out);
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major < 1 || major == 1 && minor < 23;
    }
}
