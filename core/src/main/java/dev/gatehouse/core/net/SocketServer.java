package dev.gatehouse.core.net;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every inbound protocol server shares: listeners (TCP or Unix-domain), one accept thread
 * each, one virtual thread per connection, a cap on open connections, and a graceful shutdown
 * (stop accepting, wake idle connections so they end, give busy ones a grace period, then cut).
 * The protocol comes in through a {@link ConnectionFactory}.
 */
public final class SocketServer {
    private static final Logger log = LoggerFactory.getLogger(SocketServer.class);

    /** One served connection, as the server sees it. */
    public interface Connection extends Runnable {
        /** On shutdown: end now if between requests; otherwise finish the current one and end. */
        void closeIfIdle();

        /** The grace period is over: close the socket. */
        void forceClose();
    }

    /** Makes the protocol's connection for an accepted socket. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open(SocketChannel channel) throws IOException;
    }

    /** Answers a connection over the cap (e.g. a 503) and closes it; runs on its own virtual thread. */
    @FunctionalInterface
    public interface Refusal {
        void refuse(SocketChannel channel);
    }

    private final String name;
    private final int maxConnections;
    private final Duration shutdownGrace;
    private final List<Listener> listeners = new ArrayList<>();
    private final List<Thread> acceptors = new ArrayList<>();
    private final LiveSet<Connection> connections = new LiveSet<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ThreadFactory connectionThreads;
    private ConnectionFactory factory;
    private Refusal refusal = SocketServer::closeQuietly;
    private boolean virtualAcceptors;

    public SocketServer(String name, int maxConnections, Duration shutdownGrace) {
        this.name = name;
        this.maxConnections = maxConnections;
        this.shutdownGrace = shutdownGrace;
        this.connectionThreads = Thread.ofVirtual().name(name).factory();
    }

    public SocketServer listen(ListenAddress address) throws IOException {
        listeners.add(Listener.open(address, 1024));
        return this;
    }

    /** How connections over the cap are turned away (default: closed). */
    public SocketServer onRefusal(Refusal refusal) {
        this.refusal = refusal;
        return this;
    }

    /**
     * Accepts on virtual threads instead of platform threads (call before {@link #start}). For
     * protocols with one request per connection (SCGI, uwsgi behind nginx), where accepting is as
     * frequent as serving: a platform acceptor sleeps in accept() and is woken by every connection,
     * then wakes a carrier for it; a virtual one takes the connections waiting on the carrier that
     * serves them, and only parks (polled with the connections' sockets) when none is waiting.
     */
    public SocketServer acceptOnVirtualThreads() {
        this.virtualAcceptors = true;
        return this;
    }

    public SocketServer start(ConnectionFactory factory) {
        if (listeners.isEmpty()) throw new IllegalStateException("no listener: call listen() first");
        this.factory = factory;
        for (Listener listener : listeners) {
            Thread.Builder builder = virtualAcceptors ? Thread.ofVirtual() : Thread.ofPlatform();
            acceptors.add(builder.name(name + "-accept-" + listener.address()).start(() -> acceptLoop(listener)));
        }
        return this;
    }

    public List<ListenAddress> addresses() {
        return listeners.stream().map(Listener::address).toList();
    }

    public boolean draining() {
        return draining.get();
    }

    private void acceptLoop(Listener listener) {
        while (!draining.get()) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                if (draining.get()) return;
                log.warn("{}: accept failed on {}: {}", name, listener.address(), e.getMessage());
                continue;
            }
            if (open.incrementAndGet() > maxConnections) {
                open.decrementAndGet();
                log.warn("{}: refused a connection: {} connections open (the limit)", name, maxConnections);
                Thread.ofVirtual().start(() -> refusal.refuse(channel));
                continue;
            }
            connectionThreads.newThread(() -> serve(channel)).start();
        }
    }

    private void serve(SocketChannel channel) {
        Connection connection;
        try {
            if (!(channel.getLocalAddress() instanceof UnixDomainSocketAddress)) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            connection = factory.open(channel);
        } catch (IOException | RuntimeException e) {
            log.info("{}: connection not served: {}", name, e.getMessage());
            closeQuietly(channel);
            open.decrementAndGet();
            return;
        }
        LiveSet.Member<Connection> member = connections.add(connection);
        try {
            if (draining.get()) connection.closeIfIdle();
            connection.run();
        } finally {
            connection.forceClose();
            if (connections.remove(member)) open.decrementAndGet();
        }
    }

    /** Graceful stop; blocks until done and is safe to call more than once, or before start. */
    public void shutdown() {
        if (!draining.compareAndSet(false, true)) {
            try {
                stopped.await(shutdownGrace.toMillis() + 5000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        for (Listener listener : listeners) {
            try {
                listener.close();
            } catch (IOException e) {
                log.debug("closing listener {}: {}", listener.address(), e.getMessage());
            }
        }
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            connections.snapshot().forEach(Connection::closeIfIdle);
            sleep(20);
        }
        if (!connections.isEmpty()) {
            log.warn("{}: shutdown grace of {} over: closing {} connections with requests in flight", name, shutdownGrace, connections.size());
            connections.snapshot().forEach(Connection::forceClose);
        }
        for (Thread t : acceptors) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopped.countDown();
    }

    public void awaitTermination() throws InterruptedException {
        stopped.await();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do with a socket we will not serve
        }
    }
}
