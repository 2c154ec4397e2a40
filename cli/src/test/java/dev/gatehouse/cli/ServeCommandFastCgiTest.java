package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.fastcgi.codec.FcgiParams;
import dev.gatehouse.fastcgi.codec.FcgiRecord;
import dev.gatehouse.fastcgi.codec.FcgiRecordDecoder;
import dev.gatehouse.fastcgi.codec.FcgiRecordEncoder;
import dev.gatehouse.fastcgi.codec.FcgiRecordType;
import dev.gatehouse.fastcgi.codec.FcgiRole;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --fastcgi}: the same apps over FastCGI, alone or beside HTTP, answering a raw FastCGI client. */
class ServeCommandFastCgiTest {
    private static final String GREETING = FixtureApps.Greeting.class.getName();
    @RegisterExtension
    final ServedCommands servers = new ServedCommands();


    @Test
    void servesAnAppOverFastCgiOnly() throws Exception {
        RunningServer running = servers.serve("--app", GREETING, "--fastcgi", "127.0.0.1:0");
        assertThat(running.server()).as("no HTTP listener unless asked for").isNull();
        String stdout = fastCgiGet(running.fastcgi().addresses().getFirst(), "/x/y");
        assertThat(stdout).startsWith("Status: 200 OK\r\n").endsWith("\r\n\r\ngreeting |/x/y");
    }

    @Test
    void servesTheDemoSiteOverFastCgiOnAUnixSocketBesideHttp(@TempDir Path dir) throws Exception {
        RunningServer running = servers.serve("--http", "127.0.0.1:0", "--fastcgi", "unix:" + dir.resolve("fcgi.sock"));
        assertThat(fastCgiGet(running.fastcgi().addresses().getFirst(), "/hello")).endsWith("\r\n\r\nHello, world!\n");
        int port = running.server().addresses().getFirst().port();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> http = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(http.body()).isEqualTo("Hello, world!\n");
        }
    }

    /** One Responder GET, the way nginx sends it without fastcgi_split_path_info; returns STDOUT. */
    private static String fastCgiGet(ListenAddress address, String path) throws IOException {
        try (SocketChannel channel = SocketChannel.open(address.isUnix() ? UnixDomainSocketAddress.of(address.unixPath()) : address.toSocketAddress())) {
            OutputStream out = Channels.newOutputStream(channel);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("REQUEST_METHOD", "GET");
            params.put("SCRIPT_NAME", path);
            params.put("REQUEST_URI", path);
            params.put("QUERY_STRING", "");
            params.put("SERVER_PROTOCOL", "HTTP/1.1");
            params.put("SERVER_NAME", "localhost");
            params.put("SERVER_PORT", "80");
            byte[] encoded = FcgiParams.encode(params);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            FcgiRecordEncoder.beginRequest(request, 1, FcgiRole.RESPONDER, false);
            FcgiRecordEncoder.write(request, FcgiRecordType.PARAMS, 1, encoded, 0, encoded.length);
            FcgiRecordEncoder.endStream(request, FcgiRecordType.PARAMS, 1);
            FcgiRecordEncoder.endStream(request, FcgiRecordType.STDIN, 1);
            out.write(request.toByteArray());
            InputStream in = Channels.newInputStream(channel);
            FcgiRecordDecoder decoder = new FcgiRecordDecoder(in);
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            for (FcgiRecord r = decoder.next(); r != null && r.knownType() != FcgiRecordType.END_REQUEST; r = decoder.next()) {
                if (r.knownType() == FcgiRecordType.STDOUT) stdout.writeBytes(r.content());
            }
            return stdout.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
