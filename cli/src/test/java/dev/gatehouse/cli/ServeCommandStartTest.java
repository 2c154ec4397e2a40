package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.net.ListenAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} started in this JVM on free ports, answering real HTTP requests. */
class ServeCommandStartTest {
    private static final String GREETING = FixtureApps.Greeting.class.getName();
    private static final String FACTORY = FixtureApps.class.getName() + "::create";

    @RegisterExtension
    final ServedCommands servers = new ServedCommands();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        client.close();
    }

    private HttpResponse<String> get(RunningServer running, String path) throws IOException, InterruptedException {
        ListenAddress address = running.server().addresses().get(0);
        URI uri = URI.create("http://127.0.0.1:" + address.port() + path);
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheDemoSiteByDefault() throws Exception {
        HttpResponse<String> hello = get(servers.serve("--http", "127.0.0.1:0"), "/hello");
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).isEqualTo("Hello, world!\n");
        assertThat(hello.headers().firstValue("Content-Length")).hasValue("14");
    }

    @Test
    void servesAnAppAtTheRoot() throws Exception {
        assertThat(get(servers.serve("--http", "127.0.0.1:0", "--app", GREETING), "/x/y").body()).isEqualTo("greeting |/x/y");
    }

    @Test
    void servesMountedAppsUnderTheirPrefixes() throws Exception {
        RunningServer running = servers.serve("--http", "127.0.0.1:0", "--mount", "/greet=" + GREETING, "--mount", "/made=app:" + FACTORY);
        assertThat(get(running, "/greet/there").body()).isEqualTo("greeting /greet|/there");
        assertThat(get(running, "/made").body()).isEqualTo("made by a factory");
        assertThat(get(running, "/elsewhere").statusCode()).isEqualTo(404);
    }

    @Test
    void listensOnEveryAddressGiven() throws Exception {
        RunningServer running = servers.serve("--http", "127.0.0.1:0", "--http", "127.0.0.1:0");
        assertThat(running.server().addresses()).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void listensOnAUnixSocket(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("gatehouse.sock");
        servers.serve("--http", "unix:" + socket);
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            channel.write(ByteBuffer.wrap("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            String response = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\nHello, world!\n");
        }
    }

    @Test
    void writesTheAccessLogToAFile(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.log");
        RunningServer running = servers.serve("--http", "127.0.0.1:0", "--access-log", log.toString());
        get(running, "/hello?x=1");
        running.stop();
        assertThat(Files.readAllLines(log)).singleElement().asString()
                .matches("127\\.0\\.0\\.1 - - \\[.+] \"GET /hello\\?x=1 HTTP/1\\.1\" 200 14 \"-\" \"Java-http-client/.*\"");
    }

    @Test
    void reportsAnAddressThatIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> servers.serve("--http", "127.0.0.1:" + taken.getLocalPort()))
                    .isInstanceOf(StartupException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void reportsAnAccessLogThatCannotBeOpened(@TempDir Path dir) {
        assertThatThrownBy(() -> servers.serve("--http", "127.0.0.1:0", "--access-log", dir.resolve("no/such/dir/log").toString()))
                .isInstanceOf(StartupException.class)
                .hasMessageStartingWith("cannot open the access log ");
    }
}
