package dev.gatehouse.testkit;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Header;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@link ConformanceHarness} for anything a client reaches over HTTP/1.1: Gatehouse's own
 * server on TCP or a Unix socket, or later a real web server in front of another adapter. Each
 * request goes out on a fresh connection through {@link RawHttpClient}.
 */
public final class HttpHarness implements ConformanceHarness {
    /** Starts a server for {@code app} and says where it listens. */
    @FunctionalInterface
    public interface Launcher {
        RunningServer start(Application app) throws Exception;
    }

    /** Chunk sizes for chunked uploads, cycled: tiny, odd, and big ones. */
    private static final int[] CHUNK_SIZES = {1, 17, 4096, 65536};
    private final Launcher launcher;
    private RunningServer server;

    public HttpHarness(Launcher launcher) {
        this.launcher = launcher;
    }

    @Override
    public void start(Application app) throws Exception {
        if (server != null) throw new IllegalStateException("already started");
        server = launcher.start(app);
    }

    @Override
    public TestResponse send(TestRequest request) throws Exception {
        if (server == null) throw new IllegalStateException("start an app first");
        try (RawHttpClient client = RawHttpClient.connect(server.address())) {
            client.send(encode(request));
            RawResponse response = client.readFinalResponse(request.method());
            boolean closed = response.connectionClosed();
            if (!closed && (response.announcesClose() || !response.complete())) {
                client.readToEnd(); // the server said it closes: hold it to that (throws if it does not)
                closed = true;
            }
            return response.toTestResponse(closed);
        }
    }

    /** The request as HTTP/1.1 bytes: Host added unless given; Content-Length or chunked framing for a body. */
    public static byte[] encode(TestRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + request.body().length);
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        if (!request.hasHeader("Host")) head.append("Host: localhost\r\n");
        for (Header h : request.headers()) head.append(h.name()).append(": ").append(h.value()).append("\r\n");
        byte[] body = request.body();
        boolean mayHaveBody = body.length > 0 || !(request.method().equals("GET") || request.method().equals("HEAD"));
        if (request.chunked()) head.append("Transfer-Encoding: chunked\r\n");
        else if (mayHaveBody) head.append("Content-Length: ").append(body.length).append("\r\n");
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (request.chunked()) writeChunked(out, body);
        else out.writeBytes(body);
        return out.toByteArray();
    }

    private static void writeChunked(ByteArrayOutputStream out, byte[] body) {
        int pos = 0;
        for (int i = 0; pos < body.length; i++) {
            int size = Math.min(CHUNK_SIZES[i % CHUNK_SIZES.length], body.length - pos);
            out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, pos, size);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            pos += size;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() throws IOException {
        RunningServer s = server;
        server = null;
        if (s != null) s.close();
    }
}
