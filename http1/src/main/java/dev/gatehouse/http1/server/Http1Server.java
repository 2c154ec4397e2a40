package dev.gatehouse.http1.server;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.LogErrorStream;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.net.SocketServer;
import dev.gatehouse.core.net.Watchdog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 server: one or more listeners (TCP or Unix-domain), one virtual thread per
 * connection, a cap on open connections (past it, a 503), and a graceful shutdown.
 */
public final class Http1Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Http1Server.class);
    private static final byte[] TOO_MANY = ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 46\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
            + "503 Service Unavailable: too many connections\n").getBytes(StandardCharsets.US_ASCII);

    private final Application app;
    private final Http1Config config;
    private final SocketServer sockets;
    private final Watchdog watchdog = new Watchdog("gatehouse-http1-watchdog");
    private final PrintStream errors = new PrintStream(new LogErrorStream(), true, StandardCharsets.UTF_8);

    public Http1Server(Application app, Http1Config config) {
        this.app = app;
        this.config = config;
        this.sockets = new SocketServer("gatehouse-http1", config.maxConnections(), config.shutdownGrace())
                .onRefusal(Http1Server::refuse);
    }

    /** Binds a listener (call before {@link #start()}); several may be added. */
    public Http1Server listen(ListenAddress address) throws IOException {
        sockets.listen(address);
        return this;
    }

    /** Starts accepting on every listener; returns at once. */
    public Http1Server start() {
        sockets.start(channel -> new Http1Connection(channel, app, config, sockets::draining, watchdog, errors));
        return this;
    }

    /** The bound addresses (real ports when 0 was asked for). */
    public List<ListenAddress> addresses() {
        return sockets.addresses();
    }

    /** Over the connection limit: a short 503 instead of a silent queue. */
    private static void refuse(SocketChannel channel) {
        try (channel) {
            channel.write(ByteBuffer.wrap(TOO_MANY));
            channel.shutdownOutput();
        } catch (IOException e) {
            log.debug("refusal not delivered: {}", e.getMessage());
        }
    }

    /**
     * Graceful stop: stop accepting, close idle connections, let in-flight requests finish within
     * {@code shutdownGrace}, then cut what is left. Blocks until done; safe to call twice.
     */
    public void shutdown() {
        sockets.shutdown();
        watchdog.close();
    }

    /** Blocks until the server has stopped. */
    public void awaitTermination() throws InterruptedException {
        sockets.awaitTermination();
    }

    @Override
    public void close() {
        shutdown();
    }
}
