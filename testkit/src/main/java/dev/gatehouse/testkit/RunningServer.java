package dev.gatehouse.testkit;

import java.io.IOException;
import java.net.SocketAddress;

/**
 * A server a test started: where to connect, and how to stop it.
 *
 * @param address a TCP or Unix-domain socket address
 */
public record RunningServer(SocketAddress address, Stopper stopper) implements AutoCloseable {
    /** Stops the server and cleans up after it. */
    @FunctionalInterface
    public interface Stopper {
        void stop() throws IOException;
    }

    @Override
    public void close() throws IOException {
        stopper.stop();
    }
}
