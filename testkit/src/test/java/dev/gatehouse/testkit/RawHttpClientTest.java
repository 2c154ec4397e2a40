package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw client against a canned server that writes fixed bytes. */
class RawHttpClientTest {
    private ServerSocketChannel listener;
    private Thread serverThread;

    @TempDir
    Path tempDir;

    /** What the canned server does with its one connection. */
    @FunctionalInterface
    interface Script {
        void run(SocketChannel connection) throws IOException;
    }

    @AfterEach
    void stop() throws Exception {
        if (listener != null) listener.close();
        if (serverThread != null) serverThread.join(5000);
    }

    @Test
    void readsAContentLengthResponse() throws Exception {
        RawResponse r = exchange(replies("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A:  spaced \r\n\r\nhello"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.reason()).isEqualTo("OK");
        assertThat(r.header("x-a")).isEqualTo("spaced");
        assertThat(r.bodyText()).isEqualTo("hello");
        assertThat(r.framing()).isEqualTo(BodyFraming.CONTENT_LENGTH);
        assertThat(r.complete()).isTrue();
    }

    @Test
    void readsAChunkedResponseWithTrailers() throws Exception {
        RawResponse r = exchange(replies("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n1\r\n!\r\n0\r\nT: v\r\n\r\n"));
        assertThat(r.bodyText()).isEqualTo("hello!");
        assertThat(r.framing()).isEqualTo(BodyFraming.CHUNKED);
        assertThat(r.complete()).isTrue();
    }

    @Test
    void readsACloseDelimitedBodyToTheEnd() throws Exception {
        RawResponse r = exchange(replies("HTTP/1.0 200 OK\r\n\r\nall of it"));
        assertThat(r.bodyText()).isEqualTo("all of it");
        assertThat(r.framing()).isEqualTo(BodyFraming.CONNECTION_CLOSE);
        assertThat(r.connectionClosed()).isTrue();
    }

    @Test
    void reportsABodyCutShortOfItsLengthAsIncomplete() throws Exception {
        RawResponse r = exchange(replies("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf"));
        assertThat(r.bodyText()).isEqualTo("half");
        assertThat(r.complete()).isFalse();
        assertThat(r.connectionClosed()).isTrue();
    }

    @Test
    void reportsAChunkedBodyWithoutItsLastChunkAsIncomplete() throws Exception {
        RawResponse r = exchange(replies("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"));
        assertThat(r.bodyText()).isEqualTo("hello");
        assertThat(r.complete()).isFalse();
    }

    @Test
    void collectsInterimResponsesBeforeTheFinalOne() throws Exception {
        try (RawHttpClient client = connect(replies("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"))) {
            client.send("POST / HTTP/1.1\r\n\r\n");
            RawResponse r = client.readFinalResponse();
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.interimStatuses()).containsExactly(100);
        }
    }

    @Test
    void readsNoBodyForHead() throws Exception {
        try (RawHttpClient client = connect(replies("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"))) {
            client.send("HEAD / HTTP/1.1\r\n\r\n");
            assertThat(client.readResponse("HEAD").body()).isEmpty();
            assertThat(client.readResponse().status()).isEqualTo(204);
        }
    }

    @Test
    void rejectsBareLfLineEnds() throws Exception {
        try (RawHttpClient client = connect(replies("HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n"))) {
            client.send("GET / HTTP/1.1\r\n\r\n");
            assertThatThrownBy(client::readResponse).isInstanceOf(RawHttpClient.MalformedResponseException.class).hasMessageContaining("bare LF");
        }
    }

    @Test
    void timesOutInsteadOfHanging() throws Exception {
        SocketAddress address = serve(connection -> {
            connection.read(ByteBuffer.allocate(100));
            sleepQuietly(2000); // silent, connection open
        });
        try (RawHttpClient client = RawHttpClient.connect(address, Duration.ofMillis(200))) {
            client.send("GET / HTTP/1.1\r\n\r\n");
            assertThatThrownBy(client::readResponse).isInstanceOf(RawHttpClient.TimeoutException.class)
                    .hasMessageContaining("waiting for a response");
        }
    }

    @Test
    void saysSoWhenTheServerClosesWithoutAnswering() throws Exception {
        try (RawHttpClient client = connect(replies(""))) {
            client.send("GET / HTTP/1.1\r\n\r\n");
            assertThatThrownBy(client::readResponse).isInstanceOf(RawHttpClient.NoResponseException.class);
        }
    }

    @Test
    void readToEndReturnsWhatFollowsTheLastResponse() throws Exception {
        try (RawHttpClient client = connect(replies("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxHTTP/1.1 extra"))) {
            client.send("GET / HTTP/1.1\r\n\r\n");
            client.readResponse();
            assertThat(new String(client.readToEnd(), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 extra");
        }
    }

    @Test
    void worksOverAUnixSocket() throws Exception {
        Path socket = tempDir.resolve("raw.sock");
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socket));
        serverThread = Thread.ofVirtual().start(() -> acceptOnce(replies("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")));
        try (RawHttpClient client = RawHttpClient.connect(UnixDomainSocketAddress.of(socket))) {
            client.send("GET / HTTP/1.1\r\n\r\n");
            assertThat(client.readResponse().bodyText()).isEqualTo("ok");
        }
    }

    @Test
    void keepsReadingWhileItWritesSoBigBodiesCannotDeadlock() throws Exception {
        int size = 8 * 1024 * 1024;
        SocketAddress address = serve(connection -> {
            // Answer first, without reading: both sides' buffers fill unless the client reads while writing.
            String head = "HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n";
            writeAll(connection, head.getBytes(StandardCharsets.US_ASCII));
            writeAll(connection, new byte[size]);
            ByteBuffer sink = ByteBuffer.allocate(65536);
            while (connection.read(sink.clear()) >= 0) { } // then take the request
        });
        try (RawHttpClient client = RawHttpClient.connect(address)) {
            assertThat(client.send(new byte[size])).isTrue();
            assertThat(client.readResponse().body()).hasSize(size);
        }
    }

    // ---- the canned server --------------------------------------------------------------------

    private static Script replies(String bytes) {
        return connection -> {
            connection.read(ByteBuffer.allocate(4096)); // the request, roughly
            writeAll(connection, bytes.getBytes(StandardCharsets.ISO_8859_1));
        };
    }

    private RawResponse exchange(Script script) throws Exception {
        try (RawHttpClient client = connect(script)) {
            client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            return client.readResponse();
        }
    }

    private RawHttpClient connect(Script script) throws Exception {
        return RawHttpClient.connect(serve(script));
    }

    private SocketAddress serve(Script script) throws IOException {
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        serverThread = Thread.ofVirtual().start(() -> acceptOnce(script));
        return listener.getLocalAddress();
    }

    private void acceptOnce(Script script) {
        try (SocketChannel connection = listener.accept()) {
            script.run(connection);
        } catch (IOException ignored) {
            // the test has what it needs, or will say what it missed
        }
    }

    private static void writeAll(SocketChannel connection, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) connection.write(buf);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
