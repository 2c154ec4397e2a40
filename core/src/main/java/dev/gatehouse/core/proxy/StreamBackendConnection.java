package dev.gatehouse.core.proxy;

import dev.gatehouse.core.net.ConnectFailure;
import dev.gatehouse.core.net.Deadline;
import dev.gatehouse.core.net.Watchdog;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The one socket of one request to a stream-protocol backend. Blocking channels have no
 * timeouts, so every wait is bounded by a {@link Deadline}: a read or connect that takes too long
 * has the socket closed under it; a send that takes too long only has the socket's output shut
 * down, which wakes the blocked write but leaves an answer the backend may have sent readable.
 */
final class StreamBackendConnection implements Closeable {
    private static final String SEND = "send";

    private final SocketChannel channel;
    private final Watchdog watchdog;
    private final Deadline deadline;
    private final BackendTarget target;

    private StreamBackendConnection(SocketChannel channel, Watchdog watchdog, Deadline deadline, BackendTarget target) {
        this.channel = channel;
        this.watchdog = watchdog;
        this.deadline = deadline;
        this.target = target;
    }

    /** Connects within {@code timeout}: 502 if the backend refuses or is unreachable, 504 if it does not answer in time. */
    static StreamBackendConnection open(BackendTarget target, Duration timeout, Watchdog watchdog) throws StreamBackendException {
        SocketChannel channel;
        try {
            channel = target.address().isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        } catch (IOException e) {
            throw new StreamBackendException(502, "cannot open a socket for " + target + ": " + e.getMessage(), e);
        }
        Deadline deadline = watchdog.register(what -> expire(channel, what));
        deadline.arm(timeout, "connect");
        try {
            channel.connect(target.address().resolvedAddress());
            deadline.disarm();
            if (!target.address().isUnix()) channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            deadline.disarm();
            watchdog.unregister(deadline);
            closeQuietly(channel);
            if (deadline.fired()) throw new StreamBackendException(504, "connecting to " + target + " took longer than " + timeout, e);
                        throw new StreamBackendException(502, "cannot connect to " + target + ": " + ConnectFailure.describe(e), e);
        }
        return new StreamBackendConnection(channel, watchdog, deadline, target);
    }

    /**
     * Writes all of {@code buffers}, waiting at most {@code timeout} for each bit of progress.
     *
     * @return null once everything is written; otherwise why the backend took no more: a 504
     *     {@link StreamBackendException} if it stopped reading for {@code timeout}, or the write's
     *     error if it closed its side (it may have answered without reading the whole request)
     */
    IOException send(Duration timeout, ByteBuffer... buffers) {
        try {
            while (remaining(buffers)) {
                deadline.arm(timeout, SEND);
                channel.write(buffers);
            }
            return null;
        } catch (IOException e) {
            if (expired(e)) return new StreamBackendException(504, "sending to " + target + " took longer than " + timeout, e);
            return e;
        } finally {
            deadline.disarm();
        }
    }

    /**
     * Reads what arrives next into {@code buffer} (cleared first, its array from index 0), waiting
     * at most {@code timeout}.
     *
     * @return the bytes read, or -1 at the end of the stream
     * @throws StreamBackendException 504 if nothing came in time, 502 if the read failed
     */
    int read(ByteBuffer buffer, Duration timeout) throws StreamBackendException {
        buffer.clear();
        deadline.arm(timeout, "read");
        try {
            int n;
            do {
                n = channel.read(buffer);
            } while (n == 0);
            return n;
        } catch (IOException e) {
            closeQuietly(channel);
            if (expired(e)) throw new StreamBackendException(504, "reading from " + target + " took longer than " + timeout, e);
            throw new StreamBackendException(502, "reading from " + target + " failed: " + e.getMessage(), e);
        } finally {
            deadline.disarm();
        }
    }

    /** Reads what has already arrived without waiting; 0 if nothing has, -1 at the end of the stream or on an error. */
    int readAvailable(ByteBuffer buffer) {
        buffer.clear();
        try {
            channel.configureBlocking(false);
            int n = channel.read(buffer);
            channel.configureBlocking(true);
            return n;
        } catch (IOException e) {
            closeQuietly(channel);
            return -1;
        }
    }

    /**
     * True if {@code e} comes from the deadline: it fired, or it fired just after the previous
     * call returned and this one found the channel it had shut or closed (only the deadline does
     * that while a call runs).
     */
    private boolean expired(IOException e) {
        return deadline.fired() || e instanceof ClosedChannelException;
    }

    BackendTarget target() {
        return target;
    }

    @Override
    public void close() {
        watchdog.unregister(deadline);
        closeQuietly(channel);
    }

    private static boolean remaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) return true;
        }
        return false;
    }

    /** A send that timed out only shuts the output (the backend's answer may be waiting); any other wait closes the socket. */
    private static void expire(SocketChannel channel, String what) {
        if (SEND.equals(what)) {
            try {
                channel.shutdownOutput();
                return;
            } catch (IOException | RuntimeException e) {
                // not connected or already closed: closing is the fallback
            }
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }
}
