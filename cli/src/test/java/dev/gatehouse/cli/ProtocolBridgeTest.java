package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.EnvironLines;
import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import dev.gatehouse.testkit.peers.NginxLauncher;
import dev.gatehouse.testkit.peers.PeerProcess;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Any inbound protocol reaches any outbound one with no special code: a request that comes in
 * from nginx over FastCGI and leaves over SCGI (or uwsgi, or HTTP) to a second Gatehouse reaches
 * the app there with the same environ as the same request sent straight over HTTP.
 */
class ProtocolBridgeTest {
    /** What the request itself determines; addresses, ports and the server's own names differ by route. */
    private static final List<String> SAME = List.of("REQUEST_METHOD", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "CONTENT_TYPE",
            "CONTENT_LENGTH", "SERVER_PROTOCOL", "HTTP_HOST", "HTTP_X_TRACE", "HTTP_COOKIE", "HTTP_ACCEPT_LANGUAGE",
            "gateway.url_scheme", "gateway.input_terminated", "body");
    private static final String REQUEST = "POST /app/caf%C3%A9/x%20y?a=1&b=%C3%A9&c HTTP/1.1\r\n"
            + "Host: bridge.example\r\n"
            + "X-Trace: abc 123\r\n"
            + "Cookie: a=1; b=2\r\n"
            + "Accept-Language: fr, en;q=0.5\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: 11\r\n"
            + "Connection: close\r\n"
            + "\r\n"
            + "name=caf%C3";

    @RegisterExtension
    final ServedCommands servers = new ServedCommands();
    private PeerProcess nginx;

    @AfterEach
    void stop() throws Exception {
        if (nginx != null) nginx.close();
    }

    @Test
    void fastCgiInScgiOutMatchesStraightHttp() throws Exception {
        RunningServer back = servers.serve("--app", FixtureApps.EnvironDump.class.getName(), "--scgi", "127.0.0.1:0");
        assertBridgeMatchesStraightHttp("scgi://127.0.0.1:" + back.scgi().addresses().getFirst().port());
    }

    @Test
    void fastCgiInUwsgiOutMatchesStraightHttp() throws Exception {
        RunningServer back = servers.serve("--app", FixtureApps.EnvironDump.class.getName(), "--uwsgi", "127.0.0.1:0");
        assertBridgeMatchesStraightHttp("uwsgi://127.0.0.1:" + back.uwsgi().addresses().getFirst().port());
    }

    private void assertBridgeMatchesStraightHttp(String backend) throws Exception {
        NginxLauncher.require();
        RunningServer straight = servers.serve("--http", "127.0.0.1:0", "--mount", "/app=" + FixtureApps.EnvironDump.class.getName());
        RunningServer middle = servers.serve("--fastcgi", "127.0.0.1:0", "--mount", "/app=" + backend);
        nginx = NginxLauncher.start("", """
                location / {
                    include %s;
                    fastcgi_pass 127.0.0.1:%d;
                    fastcgi_keep_conn on;
                }
                """.formatted(NginxLauncher.FASTCGI_PARAMS, middle.fastcgi().addresses().getFirst().port()));

        Map<String, String> direct = environ(send(new InetSocketAddress("127.0.0.1", straight.server().addresses().getFirst().port())));
        Map<String, String> bridged = environ(send(nginx.address()));

        assertThat(direct).containsEntry("SCRIPT_NAME", "/app").containsEntry("PATH_INFO", "/caf\u00c3\u00a9/x y")
                .containsEntry("body", "name=caf%C3");
        for (String key : SAME) assertThat(bridged.get(key)).as(key).isEqualTo(direct.get(key));
    }

    private static RawResponse send(java.net.SocketAddress address) throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(address)) {
            client.send(REQUEST);
            RawResponse response = client.readResponse("POST");
            assertThat(response.status()).as(new String(response.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo(200);
            return response;
        }
    }

    private static Map<String, String> environ(RawResponse response) {
        return new LinkedHashMap<>(EnvironLines.parse(response.body()));
    }
}
