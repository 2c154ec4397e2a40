package dev.gatehouse.core.proxy;

import dev.gatehouse.core.net.ListenAddress;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream-protocol backend whose every move a test writes: it accepts connections (127.0.0.1 or
 * a Unix socket), runs the test's {@link Script} on each in a thread of its own, and records the
 * requests it read. Requests use the tests' own head format ({@link #ENCODER}): a line
 * {@code LEN:<n>}, then {@code NAME=value} lines, then an empty line, then n bytes of body.
 */
final class ScriptedStreamBackend implements AutoCloseable {
    /** The tests' request head: {@code LEN:<n>\n}, one {@code NAME=value\n} per variable, {@code \n}. */
    static final BackendRequestEncoder ENCODER = (vars, length) -> {
        StringBuilder b = new StringBuilder("LEN:").append(length).append('\n');
        vars.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.append('\n').toString().getBytes(StandardCharsets.ISO_8859_1);
    };

    @FunctionalInterface
    interface Script {
        void run(Conversation c) throws Exception;
    }

    /** What the backend read of one request. */
    record Received(long length, Map<String, String> vars, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    private final ServerSocketChannel server;
    private final BackendTarget target;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    private ScriptedStreamBackend(ServerSocketChannel server, BackendTarget target, Script script) {
        this.server = server;
        this.target = target;
        this.acceptor = Thread.ofVirtual().start(() -> accept(script));
    }

    static ScriptedStreamBackend tcp(Script script) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        return new ScriptedStreamBackend(server, new BackendTarget("test", ListenAddress.tcp("127.0.0.1", port)), script);
    }

    static ScriptedStreamBackend unix(Path socket, Script script) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket), 50);
        return new ScriptedStreamBackend(server, new BackendTarget("test", ListenAddress.unix(socket)), script);
    }

    /** A backend that reads each whole request and answers {@code response}, then closes. */
    static ScriptedStreamBackend answering(String response) throws IOException {
        return tcp(c -> {
            c.readRequest();
            c.write(response);
        });
    }

    BackendTarget target() {
        return target;
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** The next request read, within a bound (never asserted on as a time). */
    Received nextRequest() throws InterruptedException {
        return received.poll(30, TimeUnit.SECONDS);
    }

    Object nextEvent() throws InterruptedException {
        return events.poll(30, TimeUnit.SECONDS);
    }

    private void accept(Script script) {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException closed) {
                return;
            }
            connections.incrementAndGet();
            Thread.ofVirtual().start(() -> {
                try (channel) {
                    script.run(new Conversation(channel));
                } catch (Exception e) {
                    events.add(e);
                }
            });
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
        if (target.address().isUnix()) java.nio.file.Files.deleteIfExists(target.address().unixPath());
    }

    /** One accepted connection, as the script sees it. */
    final class Conversation {
        final SocketChannel channel;
        final InputStream in;
        final OutputStream out;
        private long length = -1;

        Conversation(SocketChannel channel) {
            this.channel = channel;
            this.in = new BufferedInputStream(Channels.newInputStream(channel));
            this.out = Channels.newOutputStream(channel);
        }

        /** Reads the head (not the body); returns the variables. */
        Map<String, String> readHead() throws IOException {
            String first = line();
            if (!first.startsWith("LEN:")) throw new IOException("bad head line " + first);
            length = Long.parseLong(first.substring(4));
            Map<String, String> vars = new LinkedHashMap<>();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int eq = line.indexOf('=');
                vars.put(line.substring(0, eq), line.substring(eq + 1));
            }
            return vars;
        }

        /** Reads the whole request and records it. */
        Received readRequest() throws IOException {
            Map<String, String> vars = readHead();
            byte[] body = in.readNBytes((int) length);
            if (body.length < length) throw new IOException("body ended after " + body.length + " of " + length);
            Received r = new Received(length, vars, body);
            received.add(r);
            return r;
        }

        void write(String text) throws IOException {
            write(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        void event(Object event) {
            events.add(event);
        }

        private String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) throw new IOException("connection closed inside the head");
                b.write(c);
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
