package dev.gatehouse.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketFileSenderTest {
    private static final int SMALL_BUFFER = 16 * 1024;

    @TempDir
    Path tmp;

    /** A connected pair over 127.0.0.1 with small socket buffers, so a large region fills them. */
    private record Pair(SocketChannel server, SocketChannel client) implements AutoCloseable {
        static Pair open() throws IOException {
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress("127.0.0.1", 0));
                SocketChannel client = SocketChannel.open();
                client.setOption(StandardSocketOptions.SO_RCVBUF, SMALL_BUFFER);
                client.connect(listener.getLocalAddress());
                SocketChannel server = listener.accept();
                server.setOption(StandardSocketOptions.SO_SNDBUF, SMALL_BUFFER);
                return new Pair(server, client);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            client.close();
        }
    }

    private Path file(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return Files.write(tmp.resolve("data.bin"), bytes);
    }

    /** Reads everything until end of stream, pausing now and then like a client on a slow link. */
    private static byte[] readSlowly(SocketChannel client) throws IOException, InterruptedException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long sincePause = 0;
        int n;
        while ((n = client.read(buffer.clear())) >= 0) {
            received.write(buffer.array(), 0, n);
            sincePause += n;
            if (sincePause >= 128 * 1024) {
                Thread.sleep(2);
                sincePause = 0;
            }
        }
        return received.toByteArray();
    }

    @Test
    void aSlowReaderGetsEveryByteAndAFullSocketParksTheSenderInsteadOfRetryingSendfile() throws Exception {
        Path data = file(8 * 1024 * 1024);
        try (Pair pair = Pair.open();
             CountingFileChannel file = new CountingFileChannel(FileChannel.open(data, StandardOpenOption.READ))) {
            // Once a virtual thread has read from it (a request), the socket is non-blocking
            // underneath, as in every server: sendfile then returns 0 when the socket is full.
            CompletableFuture<Void> sent = new CompletableFuture<>();
            pair.client().write(ByteBuffer.wrap(new byte[] {'G', 'O'}));
            Thread.ofVirtual().start(() -> {
                try {
                    pair.server().read(ByteBuffer.allocate(2));
                    new SocketFileSender(pair.server()).send(file, 0, file.size());
                    pair.server().shutdownOutput();
                    sent.complete(null);
                } catch (Throwable e) {
                    sent.completeExceptionally(e);
                }
            });
            byte[] received = readSlowly(pair.client());
            sent.get();

            assertThat(received).isEqualTo(Files.readAllBytes(data));
            assertThat(file.emptyTransfers.get()).as("transfers that found the socket full").isPositive();
            // Each of them was followed by one parked write of a piece read from the file, never by another transferTo.
            assertThat(file.reads.get()).isEqualTo(file.emptyTransfers.get());
        }
    }

    @Test
    void aRegionPastTheEndOfTheFileIsReportedAsAShorterFile() throws Exception {
        Path data = file(1000);
        try (Pair pair = Pair.open(); FileChannel file = FileChannel.open(data, StandardOpenOption.READ)) {
            SocketFileSender sender = new SocketFileSender(pair.server());
            assertThatThrownBy(() -> sender.send(file, 0, 1500))
                    .isInstanceOf(SocketFileSender.FileShorterException.class)
                    .hasMessage("file shorter than the region being sent");
            pair.server().shutdownOutput();
            assertThat(readSlowly(pair.client())).isEqualTo(Files.readAllBytes(data));
        }
    }

    @Test
    void aRegionInTheMiddleSendsExactlyThoseBytes() throws Exception {
        Path data = file(100_000);
        try (Pair pair = Pair.open(); FileChannel file = FileChannel.open(data, StandardOpenOption.READ)) {
            new SocketFileSender(pair.server()).send(file, 1234, 5678);
            pair.server().shutdownOutput();
            byte[] all = Files.readAllBytes(data);
            assertThat(readSlowly(pair.client())).isEqualTo(java.util.Arrays.copyOfRange(all, 1234, 1234 + 5678));
        }
    }
}
