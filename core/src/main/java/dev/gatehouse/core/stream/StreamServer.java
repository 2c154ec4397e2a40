package dev.gatehouse.core.stream;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.LogErrorStream;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.net.PeerFilter;
import dev.gatehouse.core.net.SocketServer;
import dev.gatehouse.core.net.Watchdog;
import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server for the protocols whose connection carries one request and whose response ends when
 * the connection closes (SCGI, uwsgi): the protocol brings its head reader and its response head
 * encoder, everything else (listeners, timeouts, the body as exactly CONTENT_LENGTH bytes, the
 * lingering close, graceful shutdown) is here, once.
 */
public final class StreamServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamServer.class);
    private final String protocol;
    private final Application app;
    private final StreamServerConfig config;
    private final StreamRequestReader reader;
    private final ResponseHeadEncoder encoder;
    private final SocketServer sockets;
    private final Watchdog watchdog;
    private final PeerFilter peers;
    private final PrintStream errors = new PrintStream(new LogErrorStream(), true, StandardCharsets.UTF_8);

    /** @param protocol the protocol's name, for thread names and log lines ({@code SCGI}, {@code uwsgi}) */
    public StreamServer(String protocol, Application app, StreamServerConfig config, StreamRequestReader reader, ResponseHeadEncoder encoder) {
        this.protocol = protocol;
        this.app = app;
        this.config = config;
        this.reader = reader;
        this.encoder = encoder;
        String name = "gatehouse-" + protocol.toLowerCase(java.util.Locale.ROOT);
        // One request per connection: accepting is as frequent as serving, see acceptOnVirtualThreads
        this.sockets = new SocketServer(name, config.maxConnections(), config.shutdownGrace()).acceptOnVirtualThreads();
        this.watchdog = new Watchdog(name + "-watchdog");
        this.peers = new PeerFilter(config.allowedPeers());
    }

    /** Binds a listener (call before {@link #start()}); several may be added. */
    public StreamServer listen(ListenAddress address) throws IOException {
        sockets.listen(address);
        return this;
    }

    /** Starts accepting on every listener; returns at once. */
    public StreamServer start() {
        sockets.start(this::open);
        return this;
    }

    /** Checks the peer, then makes the connection. */
    private StreamConnection open(SocketChannel channel) throws IOException {
        SocketAddress peer = channel.getRemoteAddress();
        if (!peers.allows(peer)) {
            log.warn("refused a {} connection from {}: not an allowed peer (loopback and Unix sockets unless configured)", protocol, peer);
            throw new IOException("peer not allowed: " + peer);
        }
        return new StreamConnection(channel, protocol, app, config, reader, encoder, errors, watchdog);
    }

    /** The bound addresses (real ports when 0 was asked for). */
    public List<ListenAddress> addresses() {
        return sockets.addresses();
    }

    public StreamServerConfig config() {
        return config;
    }

    /** Graceful stop: stop accepting, let requests in flight finish within the grace period, then cut. */
    public void shutdown() {
        sockets.shutdown();
        watchdog.close();
    }

    public void awaitTermination() throws InterruptedException {
        sockets.awaitTermination();
    }

    @Override
    public void close() {
        shutdown();
    }
}
