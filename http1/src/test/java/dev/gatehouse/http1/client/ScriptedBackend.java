package dev.gatehouse.http1.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP backend whose every move a test writes, for what no real peer shows on demand:
 * malformed responses, a backend that hangs, a kept connection closed at the worst moment. Each
 * accepted connection runs the test's {@link Script} on its own virtual thread, with the
 * connection's number (0 for the first).
 */
final class ScriptedBackend implements AutoCloseable {
    @FunctionalInterface
    interface Script {
        void run(Peer peer, int connection) throws Exception;
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final AtomicInteger accepted = new AtomicInteger();
    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    ScriptedBackend(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException closed) {
                    return;
                }
                int number = accepted.getAndIncrement();
                Thread.ofVirtual().start(() -> {
                    try (s) {
                        script.run(new Peer(s, events), number);
                    } catch (Exception e) {
                        events.add(e);
                    }
                });
            }
        });
    }

    /** The target of a mount on this backend, with {@code prefix} ("" for none). */
    String target(String prefix) {
        return "http://127.0.0.1:" + port() + prefix;
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return accepted.get();
    }

    /** The next event within a bound (never asserted on as a time). */
    Object nextEvent() throws InterruptedException {
        return events.poll(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }

    /** One accepted connection, read and written by the script. */
    static final class Peer {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        private final BlockingQueue<Object> events;

        Peer(Socket socket, BlockingQueue<Object> events) throws IOException {
            this.socket = socket;
            this.events = events;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** Where the script reports what it saw; the test reads it with {@link ScriptedBackend#nextEvent()}. */
        BlockingQueue<Object> events() {
            return events;
        }

        /** The request head up to and including its empty line, or null if the client closed first. */
        String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    if (head.size() == 0) return null;
                    throw new IOException("client closed inside the request head: " + head.toString(StandardCharsets.ISO_8859_1));
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        /** A whole request: its head, then its body by Content-Length or chunked (the wire bytes of a chunked body are kept). */
        Request readRequest() throws IOException {
            String head = readHead();
            if (head == null) return null;
            String length = header(head, "Content-Length");
            String te = header(head, "Transfer-Encoding");
            byte[] body;
            if (te != null && te.equalsIgnoreCase("chunked")) body = readChunkedWire();
            else if (length != null) body = in.readNBytes(Integer.parseInt(length));
            else body = new byte[0];
            return new Request(head, body);
        }

        private byte[] readChunkedWire() throws IOException {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(wire);
                int size = Integer.parseInt(sizeLine.strip(), 16);
                if (size == 0) {
                    while (!readLine(wire).isEmpty()) {
                        // trailer fields
                    }
                    return wire.toByteArray();
                }
                wire.writeBytes(in.readNBytes(size));
                readLine(wire);
            }
        }

        private String readLine(ByteArrayOutputStream wire) throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                int b = in.read();
                if (b < 0) throw new IOException("client closed inside a chunked body");
                wire.write(b);
                if (b == '\n') return line.toString().replace("\r", "");
                line.append((char) b);
            }
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Waits for the client to close (end-of-stream or reset); true if it did. */
        boolean clientClosed() {
            try {
                return in.read() < 0;
            } catch (IOException reset) {
                return true;
            }
        }
    }

    /** A request as the backend received it. */
    record Request(String head, byte[] body) {
        String requestLine() {
            return head.substring(0, head.indexOf("\r\n"));
        }

        String header(String name) {
            return ScriptedBackend.header(head, name);
        }

        String bodyText() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    /** The value of the first field named {@code name} in a head, or null. */
    static String header(String head, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) return line.substring(prefix.length()).strip();
        }
        return null;
    }
}
