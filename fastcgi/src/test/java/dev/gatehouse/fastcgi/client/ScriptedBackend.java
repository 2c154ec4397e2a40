package dev.gatehouse.fastcgi.client;

import dev.gatehouse.fastcgi.codec.FcgiRecord;
import dev.gatehouse.fastcgi.codec.FcgiRecordDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A FastCGI backend whose every move a test writes, for what no real peer shows: the records the
 * client sends after the response began (FCGI_ABORT_REQUEST), and malformed answers. It accepts
 * one connection at a time and runs the test's {@link Script} on it.
 */
final class ScriptedBackend implements AutoCloseable {
    @FunctionalInterface
    interface Script {
        void run(FcgiRecordDecoder in, OutputStream out, BlockingQueue<Object> events) throws IOException;
    }

    private final ServerSocket server;
    private final Thread thread;
    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    ScriptedBackend(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    script.run(new FcgiRecordDecoder(in), out, events);
                } catch (IOException e) {
                    events.add(e);
                }
            }
        });
    }

    String target() {
        return "fastcgi://127.0.0.1:" + server.getLocalPort();
    }

    /** Reads records up to the end of STDIN (the whole request). */
    static void readRequest(FcgiRecordDecoder in) throws IOException {
        while (true) {
            FcgiRecord r = in.next();
            if (r == null) throw new IOException("client closed before the request ended");
            if (r.type() == 5 && r.content().length == 0) return;
        }
    }

    /** The next event within a bound (never asserted on as a time). */
    Object nextEvent() throws InterruptedException {
        return events.poll(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
