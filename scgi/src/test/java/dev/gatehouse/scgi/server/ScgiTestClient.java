package dev.gatehouse.scgi.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A raw SCGI client for tests, over TCP or a Unix socket: writes exactly the bytes it is given (in
 * the pieces given, on a thread of their own, so a server that answers before it has read
 * everything never deadlocks the test) and reads everything the server sends until it closes the
 * connection. Never hangs: after {@link #BOUND} the connection is closed and the test fails (a
 * guard, never asserted on).
 */
final class ScgiTestClient {
    static final Duration BOUND = Duration.ofSeconds(30);

    /**
     * What came back on one connection.
     *
     * @param bytes everything read before the connection ended
     * @param reset the connection ended with a reset instead of a clean close
     */
    record Answer(byte[] bytes, boolean reset) {
        String text() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        /** The CGI head's lines, without the blank line; empty if no head ended. */
        String head() {
            int end = text().indexOf("\r\n\r\n");
            return end < 0 ? "" : text().substring(0, end);
        }

        /** The status in the {@code Status:} line, or -1. */
        int status() {
            String head = head();
            if (!head.startsWith("Status: ")) return -1;
            return Integer.parseInt(head.substring(8, 11));
        }

        byte[] body() {
            int end = text().indexOf("\r\n\r\n");
            return end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        }

        String bodyText() {
            return new String(body(), StandardCharsets.ISO_8859_1);
        }
    }

    private ScgiTestClient() {
    }

    static Answer send(SocketAddress address, byte[] request) throws IOException, InterruptedException {
        return send(address, List.of(request), Duration.ZERO, false);
    }

    /**
     * Sends {@code pieces} with {@code pause} between them, half-closes the connection after them
     * if {@code endOutput}, and reads the answer to its end.
     */
    static Answer send(SocketAddress address, List<byte[]> pieces, Duration pause, boolean endOutput) throws IOException, InterruptedException {
        try (SocketChannel channel = SocketChannel.open(address instanceof InetSocketAddress ? StandardProtocolFamily.INET : StandardProtocolFamily.UNIX)) {
            channel.connect(address);
            AtomicBoolean timedOut = new AtomicBoolean();
            Thread guard = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(BOUND);
                    timedOut.set(true);
                    channel.close();
                } catch (InterruptedException | IOException done) {
                    // the exchange ended first
                }
            });
            Thread writer = Thread.ofVirtual().start(() -> write(channel, pieces, pause, endOutput));
            try {
                Answer answer = readToEnd(channel);
                if (timedOut.get()) throw new AssertionError("no end of the answer within " + BOUND + "; got " + answer.text());
                writer.join(TimeUnit.SECONDS.toMillis(BOUND.toSeconds()));
                return answer;
            } finally {
                guard.interrupt();
                writer.interrupt();
            }
        }
    }

    private static void write(SocketChannel channel, List<byte[]> pieces, Duration pause, boolean endOutput) {
        try {
            for (int i = 0; i < pieces.size(); i++) {
                if (i > 0 && !pause.isZero()) Thread.sleep(pause);
                ByteBuffer b = ByteBuffer.wrap(pieces.get(i));
                while (b.hasRemaining()) channel.write(b);
            }
            if (endOutput) channel.shutdownOutput();
        } catch (IOException | InterruptedException stopped) {
            // the server closed (after an error answer, say): what it sent is what the test checks
        }
    }

    private static Answer readToEnd(SocketChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (channel.read(buffer.clear()) >= 0) out.write(buffer.array(), 0, buffer.position());
            return new Answer(out.toByteArray(), false);
        } catch (IOException e) {
            return new Answer(out.toByteArray(), true);
        }
    }
}
