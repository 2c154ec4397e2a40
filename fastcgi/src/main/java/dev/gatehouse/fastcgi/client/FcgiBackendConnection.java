package dev.gatehouse.fastcgi.client;

import dev.gatehouse.core.net.ConnectFailure;
import dev.gatehouse.core.net.Deadline;
import dev.gatehouse.core.net.Watchdog;
import dev.gatehouse.core.proxy.ConnectionPool;
import dev.gatehouse.fastcgi.codec.FcgiRecord;
import dev.gatehouse.fastcgi.codec.FcgiRecordDecoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One socket to a backend, carrying one request at a time. Blocking channels have no timeouts,
 * so every wait is bounded by a {@link Deadline} that closes the socket when it passes; the
 * failed call then reports 504 instead of an I/O error.
 */
final class FcgiBackendConnection implements ConnectionPool.Pooled {
    private static final int BUFFER = 16 * 1024;
    private final SocketChannel channel;
    private final Watchdog watchdog;
    private final Deadline deadline;
    /** Set when a deadline closed the socket: any failure after that is the timeout's, even if a later arm() reset fired(). */
    private final AtomicBoolean expired;
    private final InputStream in;
    private final OutputStream out;
    private final FcgiRecordDecoder decoder;
    private final FcgiTarget target;
    private int requests;
    private long idleSince;

    private FcgiBackendConnection(SocketChannel channel, Watchdog watchdog, Deadline deadline, AtomicBoolean expired, FcgiTarget target) {
        this.channel = channel;
        this.watchdog = watchdog;
        this.deadline = deadline;
        this.expired = expired;
        this.target = target;
        this.in = new BufferedInputStream(Channels.newInputStream(channel), BUFFER);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
        this.decoder = new FcgiRecordDecoder(in);
    }

    /** Connects within {@code timeout}: 502 if the backend refuses or is unreachable, 504 if it does not answer in time. */
    static FcgiBackendConnection open(FcgiTarget target, Duration timeout, Watchdog watchdog) throws FcgiBackendException {
        SocketChannel channel;
        try {
            channel = target.address().isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        } catch (IOException e) {
            throw new FcgiBackendException(502, "cannot open a socket for " + target + ": " + e.getMessage(), e);
        }
        AtomicBoolean expired = new AtomicBoolean();
        Deadline deadline = watchdog.register(what -> {
            expired.set(true);
            closeQuietly(channel);
        });
        deadline.arm(timeout, "connect");
        try {
            channel.connect(target.address().resolvedAddress());
            deadline.disarm();
            if (!target.address().isUnix()) channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            deadline.disarm();
            watchdog.unregister(deadline);
            closeQuietly(channel);
            if (deadline.fired()) throw new FcgiBackendException(504, "connecting to " + target + " took longer than " + timeout, e);
                        throw new FcgiBackendException(502, "cannot connect to " + target + ": " + ConnectFailure.describe(e), e);
        }
        return new FcgiBackendConnection(channel, watchdog, deadline, expired, target);
    }

    /** Writes with {@code write}, flushes, all within {@code timeout}. */
    void send(Duration timeout, RecordWriter write) throws FcgiBackendException {
        deadline.arm(timeout, "send");
        try {
            write.write(out);
            out.flush();
        } catch (IOException e) {
            throw failure("sending to", timeout, e);
        } finally {
            deadline.disarm();
        }
    }

    /** The next record, waiting at most {@code timeout}; a closed connection is a 502. */
    FcgiRecord read(Duration timeout) throws FcgiBackendException {
        deadline.arm(timeout, "read");
        try {
            FcgiRecord record = decoder.next();
            if (record == null) throw new FcgiBackendException(502, target + " closed the connection before ending the request");
            return record;
        } catch (FcgiBackendException e) {
            throw e;
        } catch (IOException e) {
            throw failure("reading from", timeout, e);
        } finally {
            deadline.disarm();
        }
    }

    private FcgiBackendException failure(String what, Duration timeout, IOException e) {
        closeQuietly(channel);
        if (deadline.fired() || expired.get()) return new FcgiBackendException(504, what + " " + target + " took longer than " + timeout, e);
        return new FcgiBackendException(502, what + " " + target + " failed: " + e.getMessage(), e);
    }

    /** Counts a request begun on this connection; returns true if an earlier one used it (a kept connection). */
    boolean beginRequest() {
        return requests++ > 0;
    }

    @Override
    public void markIdle() {
        idleSince = System.nanoTime();
    }

    /** A FastCGI response ends with its END_REQUEST record: an open connection is ready for the next one. */
    @Override
    public boolean keepable() {
        return channel.isOpen();
    }

    @Override
    public boolean fitForReuse(Duration maxIdle) {
        return channel.isOpen() && System.nanoTime() - idleSince <= maxIdle.toNanos();
    }

    @Override
    public void close() {
        watchdog.unregister(deadline);
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    /** Writes records to the connection's buffered stream. */
    @FunctionalInterface
    interface RecordWriter {
        void write(OutputStream out) throws IOException;
    }
}
