package dev.gatehouse.fastcgi.server;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.net.PeerFilter;
import dev.gatehouse.core.net.SocketServer;
import dev.gatehouse.core.net.Watchdog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastCGI server (Responder and Authorizer roles): one or more listeners (TCP or Unix-domain),
 * a virtual thread per connection and per request, caps on connections and on requests in flight,
 * a check of who may connect, and a graceful shutdown (the socket side is core's {@link SocketServer}).
 */
public final class FcgiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FcgiServer.class);

    private final Application app;
    private final FcgiConfig config;
    private final PeerFilter peers;
    private final SocketServer sockets;
    private final AtomicInteger requestsInFlight = new AtomicInteger();
    private final Watchdog watchdog = new Watchdog("gatehouse-fcgi-watchdog");

    public FcgiServer(Application app, FcgiConfig config) {
        this.app = app;
        this.config = config;
        this.peers = new PeerFilter(config.allowedPeers());
        this.sockets = new SocketServer("gatehouse-fcgi", config.maxConnections(), config.shutdownGrace());
    }

    /** Binds a listener (call before {@link #start()}); several may be added. */
    public FcgiServer listen(ListenAddress address) throws IOException {
        sockets.listen(address);
        return this;
    }

    /** Starts accepting on every listener; returns at once. */
    public FcgiServer start() {
        sockets.start(this::open);
        return this;
    }

    /** The bound addresses (real ports when 0 was asked for). */
    public List<ListenAddress> addresses() {
        return sockets.addresses();
    }

    public FcgiConfig config() {
        return config;
    }

    boolean draining() {
        return sockets.draining();
    }

    /** Takes a slot for a new request; false when {@code maxRequests} are in flight. */
    boolean reserveRequest() {
        while (true) {
            int n = requestsInFlight.get();
            if (n >= config.maxRequests()) return false;
            if (requestsInFlight.compareAndSet(n, n + 1)) return true;
        }
    }

    void releaseRequest() {
        requestsInFlight.decrementAndGet();
    }

    /** Checks the peer, then makes the connection (over the cap, the socket server closes it). */
    private FcgiConnection open(SocketChannel channel) throws IOException {
        SocketAddress peer = channel.getRemoteAddress();
        SocketAddress local = channel.getLocalAddress();
        if (!peers.allows(peer)) {
            log.warn("refused a FastCGI connection from {}: not an allowed peer (loopback and Unix sockets unless configured)", peer);
            throw new IOException("peer not allowed: " + peer);
        }
        return new FcgiConnection(channel, app, config, this, watchdog, environBuilder(local), describe(peer));
    }

    private static FcgiEnvironBuilder environBuilder(SocketAddress local) {
        if (local instanceof InetSocketAddress l) {
            return new FcgiEnvironBuilder(l.getAddress().getHostAddress(), Integer.toString(l.getPort()));
        }
        return new FcgiEnvironBuilder("localhost", "80");
    }

    private static String describe(SocketAddress peer) {
        return peer instanceof InetSocketAddress ? peer.toString() : "a Unix socket";
    }

    /**
     * Graceful stop: stop accepting, close idle connections, let requests in flight finish within
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
