package dev.gatehouse.uwsgi.server;

import dev.gatehouse.api.Header;
import dev.gatehouse.testkit.Segmentation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A raw uwsgi client for tests, speaking the protocol as a web server does: it writes the request
 * bytes it is given (cut into pieces as asked, from a virtual thread so that a server answering
 * before it read everything cannot deadlock the test), then reads the answer to the end of the
 * connection, which is where a uwsgi response ends. Reads are bounded by a socket timeout so a
 * server that never closes fails the test instead of hanging it.
 */
final class UwsgiTestClient implements AutoCloseable {
    /** The server reset the connection (how it marks a response it could not complete). */
    private boolean reset;
    private static final long READ_BOUND_SECONDS = 30;
    private final SocketChannel channel;
    private CompletableFuture<Void> writing = CompletableFuture.completedFuture(null);

    private UwsgiTestClient(SocketChannel channel) {
        this.channel = channel;
    }

    static UwsgiTestClient connect(SocketAddress address) throws IOException {
        SocketChannel ch = address instanceof UnixDomainSocketAddress ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        ch.connect(address);
        if (address instanceof InetSocketAddress) ch.socket().setTcpNoDelay(true);
        return new UwsgiTestClient(ch);
    }

    /** Sends {@code request} in one write and reads the whole answer. */
    static Answer exchange(SocketAddress address, byte[] request) throws IOException {
        try (UwsgiTestClient client = connect(address)) {
            return client.send(request, Segmentation.ONE_WRITE).readAnswer();
        }
    }

    /** Starts writing {@code bytes} cut by {@code segmentation}; a write the server refuses (it closed) ends the writing quietly. */
    UwsgiTestClient send(byte[] bytes, Segmentation segmentation) {
        List<byte[]> pieces = segmentation.split(bytes, Arrays.hashCode(bytes));
        writing = CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = Channels.newOutputStream(channel);
                for (byte[] piece : pieces) {
                    out.write(piece);
                    if (!segmentation.pause().isZero()) Thread.sleep(segmentation.pause());
                }
            } catch (IOException | InterruptedException e) {
                // the server closed or reset: the answer says why
            }
        }, command -> Thread.ofVirtual().start(command));
        return this;
    }

    /** Closes the sending side (the web server has nothing more to say). */
    void shutdownOutput() throws IOException {
        awaitWriting();
        channel.shutdownOutput();
    }

    /** Reads to the end of the connection and parses what came as an HTTP-style head and a body. */
    Answer readAnswer() throws IOException {
        byte[] raw = readToEnd();
        awaitWriting();
        return Answer.parse(raw, reset);
    }

    /** Every byte until the server closes (a reset after some bytes ends the reading too, and is noted in {@link #reset}). */
    byte[] readToEnd() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        InputStream in = socketInput();
        byte[] buffer = new byte[65536];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) all.write(buffer, 0, n);
        } catch (java.net.SocketException e) {
            if (all.size() == 0) throw e;
            reset = true;
        }
        return all.toByteArray();
    }

    private InputStream socketInput() throws IOException {
        if (channel.getRemoteAddress() instanceof InetSocketAddress) {
            channel.socket().setSoTimeout((int) TimeUnit.SECONDS.toMillis(READ_BOUND_SECONDS));
            return channel.socket().getInputStream();
        }
        return Channels.newInputStream(channel);
    }

    private void awaitWriting() throws IOException {
        try {
            writing.get(READ_BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("writing the request failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * What a uwsgi server answered: the status line, the headers and every byte after them.
     *
     * @param raw all bytes received
     * @param reset the connection ended with a reset rather than a close
     */
    record Answer(byte[] raw, String statusLine, int status, String reason, List<Header> headers, byte[] body, boolean reset) {
        static Answer parse(byte[] raw, boolean reset) throws IOException {
            int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            if (end < 0) throw new IOException("no end of the response head in " + new String(raw, StandardCharsets.ISO_8859_1));
            String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n", -1);
            String statusLine = lines[0];
            if (!statusLine.matches("HTTP/1\\.[01] \\d{3} .*")) throw new IOException("not an HTTP status line: " + statusLine);
            int status = Integer.parseInt(statusLine.substring(9, 12));
            String reason = statusLine.substring(13);
            List<Header> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) throw new IOException("malformed header line: " + lines[i]);
                headers.add(Header.of(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip()));
            }
            return new Answer(raw, statusLine, status, reason, headers, Arrays.copyOfRange(raw, end + 4, raw.length), reset);
        }

        String header(String name) {
            return Header.find(headers, name);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        private static int indexOf(byte[] hay, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= hay.length; i++) {
                for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
                return i;
            }
            return -1;
        }

        @Override
        public String toString() {
            return new String(raw, 0, Math.min(raw.length, 400), StandardCharsets.ISO_8859_1);
        }
    }
}
