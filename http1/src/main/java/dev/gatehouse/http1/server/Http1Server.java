package dev.gatehouse.http1.server;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import java.io.IOException;
import java.util.List;

/** PLACEHOLDER: API fixed, implementation in progress. */
public final class Http1Server implements AutoCloseable {
    public Http1Server(Application app, Http1Config config) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Binds a listener (call before start); several may be added. */
    public Http1Server listen(ListenAddress address) throws IOException {
        throw new UnsupportedOperationException();
    }

    /** Starts accepting on every listener; returns at once. */
    public Http1Server start() {
        throw new UnsupportedOperationException();
    }

    /** The bound addresses (real ports when 0 was asked for). */
    public List<ListenAddress> addresses() {
        throw new UnsupportedOperationException();
    }

    /** Graceful stop: stop accepting, close idle connections, let in-flight requests finish within shutdownGrace, then cut the rest. Blocks until done. */
    public void shutdown() {
    }

    /** Blocks until the server has stopped. */
    public void awaitTermination() throws InterruptedException {
    }

    @Override
    public void close() {
        shutdown();
    }
}
