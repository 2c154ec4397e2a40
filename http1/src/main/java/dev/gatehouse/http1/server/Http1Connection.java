package dev.gatehouse.http1.server;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.core.ClientGoneException;
import dev.gatehouse.core.GatewayHandler;
import dev.gatehouse.core.net.Deadline;
import dev.gatehouse.core.net.SocketServer;
import dev.gatehouse.core.net.Watchdog;
import dev.gatehouse.http1.codec.Http1BodyDecoder;
import dev.gatehouse.http1.codec.Http1ChunkedDecoder;
import dev.gatehouse.http1.codec.Http1Exception;
import dev.gatehouse.http1.codec.Http1FixedLengthDecoder;
import dev.gatehouse.http1.codec.Http1Reader;
import dev.gatehouse.http1.codec.Http1Request;
import dev.gatehouse.http1.codec.Http1RequestDecoder;
import dev.gatehouse.http1.codec.Http1ResponseEncoder;
import dev.gatehouse.http1.codec.HttpDate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, served on its own virtual thread: read a request, build its exchange,
 * run the app, keep the connection if both sides allow it; repeat. A request that breaks the
 * protocol is answered with its status and {@code Connection: close}, then the connection is
 * closed after a short lingering drain, so nothing after the bad byte is ever parsed.
 */
final class Http1Connection implements SocketServer.Connection {
    private static final Logger log = LoggerFactory.getLogger(Http1Connection.class);
    private static final Duration LINGER = Duration.ofSeconds(2);
    private static final int LINGER_BYTES = 64 * 1024;

    private final SocketChannel channel;
    private final Application app;
    private final Http1Config config;
    private final BooleanSupplier draining;
    private final Watchdog watchdog;
    private final Deadline deadline;
    private final Http1Output output;
    private final Http1Input input;
    private final Http1Reader reader;
    private final Http1RequestDecoder decoder;
    private final Http1EnvironBuilder environs;
    private volatile boolean idle = true;

    Http1Connection(SocketChannel channel, Application app, Http1Config config, BooleanSupplier draining, Watchdog watchdog,
                    PrintStream errors) throws IOException {
        this.channel = channel;
        this.app = app;
        this.config = config;
        this.draining = draining;
        this.watchdog = watchdog;
        this.deadline = watchdog.register(this::expired);
        this.output = new Http1Output(channel, deadline, config.writeTimeout());
        this.input = new Http1Input(channel, deadline, output, config);
        int bufferSize = Http1RequestDecoder.bufferSizeFor(config.maxRequestLineBytes(), config.maxHeaderFieldBytes());
        this.reader = new Http1Reader(input, Math.min(bufferSize, 8192), Math.max(bufferSize, Math.max(4096 + config.maxChunkExtensionBytes(), config.maxTrailerBytes() + 2)));
        this.decoder = new Http1RequestDecoder(reader, config.maxRequestLineBytes(), config.maxHeaderFieldBytes(),
                config.maxHeaderBytes(), config.maxHeaderCount());
        this.environs = new Http1EnvironBuilder(channel.getRemoteAddress(), channel.getLocalAddress(), errors);
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (Http1Exception bad) {
            reject(bad);
        } catch (ClientGoneException gone) {
            log.debug("connection ended: {}", gone.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn("connection failed: {}", e.toString(), e);
        } finally {
            close();
        }
    }

    private void serve() throws IOException {
        for (int served = 0; served < config.maxRequestsPerConnection(); served++) {
            input.idle(served == 0 ? config.headerTimeout() : config.keepAliveTimeout());
            idle = true;
            if (draining.getAsBoolean()) return;
            Http1Request request = decoder.decode();
            idle = false;
            if (request == null) return;
            boolean lastAllowed = served + 1 == config.maxRequestsPerConnection();
            if (!serveOne(request, lastAllowed)) return;
        }
    }

    /** @return whether the connection may carry another request */
    private boolean serveOne(Http1Request request, boolean lastAllowed) throws IOException {
        if (request.contentLength() > config.maxBodyBytes()) {
            throw new Http1Exception(413, "request body of " + request.contentLength() + " bytes is over the limit of " + config.maxBodyBytes());
        }
        Http1BodyDecoder body = request.chunked()
                ? new Http1ChunkedDecoder(reader, config.maxBodyBytes(), config.maxChunkExtensionBytes(), config.maxTrailerBytes())
                : new Http1FixedLengthDecoder(reader, request.contentLength());
        Http1RequestInput requestInput = new Http1RequestInput(body, output, request.expectContinue(), config.maxDrainBytes());
        Environ environ = environs.build(request, requestInput);
        boolean keepAlive = request.keepAlive() && !lastAllowed && !draining.getAsBoolean();
        Http1Exchange exchange = new Http1Exchange(request, output, keepAlive, requestInput);
        input.body();
        boolean complete = GatewayHandler.run(app, environ, exchange);
        if (!complete || !exchange.keepAlive() || requestInput.failed()) return false;
        return finishBody(requestInput);
    }

    /** Reads what the app left of the body, within bounds, so the next request starts where it should. */
    private boolean finishBody(Http1RequestInput requestInput) {
        try {
            return requestInput.drain();
        } catch (IOException e) {
            log.debug("unread request body could not be drained: {}", e.getMessage());
            return false;
        }
    }

    /** Answers a protocol error with its status and Connection: close, then lingers briefly. */
    private void reject(Http1Exception bad) {
        log.info("rejected request from {}: {} {}", remote(), bad.status(), bad.getMessage());
        try {
            byte[] text = (Status.of(bad.status()) + ": " + bad.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
            output.flush();
            Http1ResponseEncoder.encodeHead(output.buffer, 1, Status.of(bad.status()),
                    List.of(Header.of("Content-Type", "text/plain; charset=utf-8")), Http1ResponseEncoder.Framing.CONTENT_LENGTH,
                    text.length, "close", HttpDate.now());
            output.write(text, 0, text.length);
            output.flush();
            channel.shutdownOutput();
            linger();
        } catch (IOException e) {
            log.debug("could not send the rejection: {}", e.getMessage());
        }
    }

    /** Reads and drops what the client still sends, so closing does not reset the connection before it reads our answer. */
    private void linger() throws IOException {
        ByteBuffer scratch = ByteBuffer.allocate(8192);
        deadline.arm(LINGER, "lingering close");
        try {
            int total = 0;
            while (total < LINGER_BYTES) {
                scratch.clear();
                int n = channel.read(scratch);
                if (n < 0) break;
                total += n;
            }
        } catch (IOException ignored) {
            // the client is gone or the linger time is up: either way we are done
        } finally {
            deadline.disarm();
        }
    }

    /** Watchdog callback: a timed-out read sees end-of-stream (so it can still answer 408); a stuck write is cut. */
    private void expired(String what) {
        try {
            if (what.equals("response write") || what.equals("lingering close")) channel.close();
            else channel.shutdownInput();
        } catch (IOException e) {
            log.debug("closing timed-out connection: {}", e.getMessage());
        }
    }

    /** Called by the server on shutdown: an idle connection is woken (and then ends); a busy one finishes its request. */
    @Override
    public void closeIfIdle() {
        if (idle) {
            try {
                channel.shutdownInput();
            } catch (IOException e) {
                log.debug("shutting down idle connection: {}", e.getMessage());
            }
        }
    }

    @Override
    public void forceClose() {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing connection: {}", e.getMessage());
        }
    }

    private void close() {
        try {
            output.flush();
        } catch (IOException e) {
            log.debug("final flush failed: {}", e.getMessage());
        }
        watchdog.unregister(deadline);
        forceClose();
    }

    private String remote() {
        try {
            return String.valueOf(channel.getRemoteAddress());
        } catch (IOException e) {
            return "?";
        }
    }
}
