package dev.gatehouse.scgi.client;

import dev.gatehouse.scgi.codec.ScgiRequestDecoder;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.SequencedMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An SCGI backend for protocol tests, on 127.0.0.1: reads each request with the server side's
 * decoder (so what the mount sends is checked by the strict codec), records it, and answers with
 * the bytes it was given, then closes.
 */
final class ScriptedBackend implements AutoCloseable {
    /** One request as the backend received it. */
    record Received(SequencedMap<String, String> variables, byte[] body) {
    }

    private final ServerSocket server;
    private final byte[] answer;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    ScriptedBackend(byte[] answer) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.answer = answer;
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next request received; fails the test if none comes within the guard bound. */
    Received next() throws InterruptedException {
        Received r = received.poll(30, TimeUnit.SECONDS);
        if (r == null) throw new AssertionError("the backend received no request");
        return r;
    }

    /** The requests received so far and not taken. */
    int pending() {
        return received.size();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(30_000);
                InputStream in = new BufferedInputStream(s.getInputStream());
                SequencedMap<String, String> vars = new ScgiRequestDecoder(64 * 1024).decode(in);
                if (vars == null) continue;
                byte[] body = in.readNBytes((int) ScgiRequestDecoder.contentLength(vars));
                received.add(new Received(vars, body));
                s.getOutputStream().write(answer);
            } catch (IOException e) {
                if (!server.isClosed()) received.add(new Received(null, e.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
