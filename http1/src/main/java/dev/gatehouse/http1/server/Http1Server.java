package dev.gatehouse.http1.server;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.net.Listener;
import dev.gatehouse.core.net.Watchdog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 server: one or more listeners (TCP or Unix-domain), one virtual thread per
 * connection, a cap on open connections, and a graceful shutdown.
 */
public final class Http1Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Http1Server.class);

    private final Application app;
    private final Http1Config config;
    private final List<Listener> listeners = new ArrayList<>();
    private final Set<Http1Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Watchdog watchdog = new Watchdog("gatehouse-http1-watchdog");
    private final PrintStream errors = new PrintStream(new Slf4jErrorStream(), true, StandardCharsets.UTF_8);
    private final List<Thread> acceptors = new ArrayList<>();

    public Http1Server(Application app, Http1Config config) {
        this.app = app;
        this.config = config;
    }

    /** Binds a listener (call before {@link #start()}); several may be added. */
    public Http1Server listen(ListenAddress address) throws IOException {
        listeners.add(Listener.open(address, 1024));
        return this;
    }

    /** Starts accepting on every listener; returns at once. */
    public Http1Server start() {
        if (listeners.isEmpty()) throw new IllegalStateException("no listener: call listen() first");
        for (Listener listener : listeners) {
            acceptors.add(Thread.ofPlatform().name("gatehouse-accept-" + listener.address()).start(() -> acceptLoop(listener)));
        }
        return this;
    }

    /** The bound addresses (real ports when 0 was asked for). */
    public List<ListenAddress> addresses() {
        return listeners.stream().map(Listener::address).toList();
    }

    boolean draining() {
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
                log.warn("accept failed on {}: {}", listener.address(), e.getMessage());
                continue;
            }
            if (open.incrementAndGet() > config.maxConnections()) {
                open.decrementAndGet();
                Thread.ofVirtual().start(() -> refuse(channel));
                continue;
            }
            Thread.ofVirtual().name("gatehouse-http1").start(() -> serve(channel));
        }
    }

    private void serve(SocketChannel channel) {
        Http1Connection connection;
        try {
            if (!listenerIsUnix(channel)) channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            connection = new Http1Connection(channel, app, config, this, watchdog, errors);
        } catch (IOException e) {
            log.debug("could not set up a connection: {}", e.getMessage());
            closeQuietly(channel);
            open.decrementAndGet();
            return;
        }
        connections.add(connection);
        if (draining.get()) connection.closeIfIdle();
        connection.run();
    }

    private static boolean listenerIsUnix(SocketChannel channel) throws IOException {
        return channel.getLocalAddress() instanceof java.net.UnixDomainSocketAddress;
    }

    /** Over the connection limit: a short 503 instead of a silent queue. */
    private void refuse(SocketChannel channel) {
        log.warn("refused a connection: {} connections open (--max-connections)", config.maxConnections());
        byte[] body = "503 Service Unavailable: too many connections\n".getBytes(StandardCharsets.US_ASCII);
        String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                + "\r\nRetry-After: 1\r\nConnection: close\r\n\r\n";
        try (channel) {
            channel.write(new ByteBuffer[] {ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)), ByteBuffer.wrap(body)});
            channel.shutdownOutput();
        } catch (IOException e) {
            log.debug("refusal not delivered: {}", e.getMessage());
        }
    }

    void closed(Http1Connection connection) {
        if (connections.remove(connection)) open.decrementAndGet();
    }

    /**
     * Graceful stop: stop accepting, close idle connections, let in-flight requests finish within
     * {@code shutdownGrace}, then cut what is left. Blocks until done; safe to call twice.
     */
    public void shutdown() {
        if (!draining.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        for (Listener listener : listeners) {
            try {
                listener.close();
            } catch (IOException e) {
                log.debug("closing listener {}: {}", listener.address(), e.getMessage());
            }
        }
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            connections.forEach(Http1Connection::closeIfIdle);
            sleep(20);
        }
        if (!connections.isEmpty()) {
            log.warn("shutdown grace of {} over: closing {} connections with requests in flight", config.shutdownGrace(), connections.size());
            connections.forEach(Http1Connection::forceClose);
        }
        for (Thread t : acceptors) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        watchdog.close();
        stopped.countDown();
    }

    /** Blocks until the server has stopped. */
    public void awaitTermination() throws InterruptedException {
        stopped.await();
    }

    private void awaitQuietly() {
        try {
            stopped.await(config.shutdownGrace().toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
            // nothing left to do with a channel we could not set up
        }
    }

    @Override
    public void close() {
        shutdown();
    }
}
