package dev.gatehouse.middleware;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Middleware;
import dev.gatehouse.api.PathCodec;
import dev.gatehouse.core.ContractViolationException;
import dev.gatehouse.core.Exchange;
import dev.gatehouse.core.GatewayEnviron;
import dev.gatehouse.core.GatewayHandler;
import dev.gatehouse.core.ResponseHead;
import dev.gatehouse.core.Validator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a middleware around an app through the real server side of the interface:
 * {@link GatewayHandler#run} over a recording {@link Exchange}, with a {@link Validator} outside the
 * middleware (checking it as an app) and one inside it (checking it as a server).
 */
final class GatewayRun {
    private GatewayRun() {
    }

    /** A complete environ for {@code method target}, as an HTTP server builds it; peer 127.0.0.1. */
    static Environ environ(String method, String target) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Environ env = new Environ()
                .put(EnvironKeys.REQUEST_METHOD, method)
                .put(EnvironKeys.SCRIPT_NAME, "")
                .put(EnvironKeys.PATH_INFO, PathCodec.decode(path))
                .put(EnvironKeys.QUERY_STRING, q < 0 ? "" : target.substring(q + 1))
                .put(EnvironKeys.REQUEST_URI, target)
                .put(EnvironKeys.SERVER_NAME, "localhost")
                .put(EnvironKeys.SERVER_PORT, "80")
                .put(EnvironKeys.SERVER_PROTOCOL, "HTTP/1.1")
                .put(EnvironKeys.REMOTE_ADDR, "127.0.0.1")
                .put(EnvironKeys.REMOTE_PORT, "40000");
        GatewayEnviron.put(env, "http", InputStream.nullInputStream(), new PrintStream(OutputStreamSink.INSTANCE, true, StandardCharsets.UTF_8));
        return env;
    }

    static Environ get(String target) {
        return environ("GET", target);
    }

    /** A body of {@code body} bytes; {@code chunked} leaves CONTENT_LENGTH out, as for a chunked upload. */
    static Environ withBody(Environ env, byte[] body, boolean chunked) {
        env.put(EnvironKeys.INPUT, new ByteArrayInputStream(body));
        if (!chunked) env.put(EnvironKeys.CONTENT_LENGTH, Integer.toString(body.length));
        env.put(EnvironKeys.CONTENT_TYPE, "application/octet-stream");
        return env;
    }

    static Response run(Middleware middleware, Application app, Environ environ) {
        Validator outer = new Validator();
        Validator inner = new Validator();
        Recorder exchange = new Recorder();
        boolean completed = GatewayHandler.run(outer.wrap(middleware.wrap(inner.wrap(app))), environ, exchange);
        List<ContractViolationException> violations = new ArrayList<>(outer.violations());
        violations.addAll(inner.violations());
        return new Response(exchange.head, exchange.body.toByteArray(), exchange.events, completed, exchange.aborted, violations);
    }

    /** What the server did with the response. */
    record Response(ResponseHead head, byte[] body, List<String> events, boolean completed, boolean aborted,
                    List<ContractViolationException> violations) {
        int status() {
            return head.status().code();
        }

        String header(String name) {
            return Header.find(head.headers(), name);
        }

        List<Header> headers() {
            return head.headers();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The declared length the adapter frames the body with; -1 for chunked. */
        long contentLength() {
            return head.contentLength();
        }
    }

    /** An {@link Exchange} that records the head, the body bytes and the calls. */
    static final class Recorder implements Exchange {
        ResponseHead head;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        boolean aborted;

        @Override
        public void sendHead(ResponseHead newHead) {
            head = newHead;
            events.add("head " + newHead.status().code());
        }

        @Override
        public void sendBody(byte[] bytes, int offset, int length) {
            body.write(bytes, offset, length);
            events.add("body " + length);
        }

        @Override
        public void sendFile(FileChannel file, long position, long length) throws IOException {
            ByteBuffer region = ByteBuffer.allocate((int) length);
            while (region.hasRemaining()) {
                if (file.read(region, position + region.position()) < 0) throw new IOException("file ended early");
            }
            body.write(region.array(), 0, region.position());
            events.add("file " + length);
        }

        @Override
        public void finish() {
            events.add("finish");
        }

        @Override
        public void abort() {
            aborted = true;
            events.add("abort");
        }
    }

    /** gateway.errors goes nowhere in these tests. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }
    }
}
