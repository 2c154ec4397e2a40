package dev.gatehouse.http1.client;

import dev.gatehouse.core.net.ConnectFailure;
import dev.gatehouse.core.net.Deadline;
import dev.gatehouse.core.net.Watchdog;
import dev.gatehouse.core.proxy.ConnectionPool;
import dev.gatehouse.http1.codec.Http1Reader;
import dev.gatehouse.http1.codec.Http1ResponseDecoder;
import dev.gatehouse.http1.codec.Http1ResponseEncoder.ByteSink;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One socket to an HTTP backend, carrying one request at a time. Blocking channels have no
 * timeouts, so every wait (connect, each write, each read) is bounded by a {@link Deadline} that
 * closes the socket when it passes; the failed call then reports 504 instead of an I/O error.
 * Reads go through an {@link Http1Reader} that lives as long as the connection, so nothing read
 * ahead is lost between the head decoder and the body decoders.
 */
final class HttpBackendConnection implements ConnectionPool.Pooled {
    private static final int OUTPUT_BUFFER = 16 * 1024;
    private static final int INITIAL_READ_BUFFER = 8 * 1024;

    private final SocketChannel channel;
    private final Watchdog watchdog;
    private final Deadline deadline;
    private final HttpTarget target;
    private final HttpClientConfig config;
    private final Http1Reader reader;
    private final Http1ResponseDecoder decoder;
    private final ByteSink out = new ByteSink(OUTPUT_BUFFER);
    private final ByteBuffer[] pair = new ByteBuffer[2];
    private final ByteBuffer probe = ByteBuffer.allocate(1);
    private int requests;
    private long received;
    private long idleSince;
    private volatile String expired;

    private HttpBackendConnection(SocketChannel channel, Watchdog watchdog, HttpTarget target, HttpClientConfig config) {
        this.channel = channel;
        this.watchdog = watchdog;
        this.deadline = watchdog.register(this::expired);
        this.target = target;
        this.config = config;
        int maxBuffer = Math.max(Http1ResponseDecoder.bufferSizeFor(config.maxHeadFieldBytes()),
                Math.max(4096 + config.maxChunkExtensionBytes(), config.maxTrailerBytes() + 2));
        this.reader = new Http1Reader(this::read, Math.min(INITIAL_READ_BUFFER, maxBuffer), maxBuffer);
        this.decoder = new Http1ResponseDecoder(reader, config.maxHeadFieldBytes(), config.maxHeadBytes(), config.maxHeadFields(),
                config.maxInterimResponses());
    }

    /** Connects within the connect timeout: 502 if the backend refuses or is unreachable, 504 if it does not answer in time. */
    static HttpBackendConnection open(HttpTarget target, HttpClientConfig config, Watchdog watchdog) throws HttpBackendException {
        SocketChannel channel;
        try {
            channel = target.address().isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        } catch (IOException e) {
            throw new HttpBackendException(502, "cannot open a socket for " + target + ": " + e.getMessage(), e);
        }
        HttpBackendConnection connection = new HttpBackendConnection(channel, watchdog, target, config);
        connection.connect();
        return connection;
    }

    private void connect() throws HttpBackendException {
        deadline.arm(config.connectTimeout(), "connect");
        try {
            channel.connect(target.address().resolvedAddress());
            if (!target.address().isUnix()) channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            close();
            if (expired != null) throw timeout(e);
                        throw new HttpBackendException(502, "cannot connect to " + target + ": " + ConnectFailure.describe(e), e);
        } finally {
            deadline.disarm();
        }
    }

    /**
     * Watchdog callback: a wait ran past its timeout. The socket is closed, which ends the wait
     * (or the next one: a blocked write may still return the bytes it wrote), and the connection
     * remembers why, so whichever call fails next reports a timeout.
     */
    private void expired(String what) {
        expired = what;
        closeQuietly(channel);
    }

    Http1Reader reader() {
        return reader;
    }

    Http1ResponseDecoder decoder() {
        return decoder;
    }

    /** The output buffer, for framing bytes written around the data (chunk sizes). */
    ByteSink buffer() {
        return out;
    }

    /** Starts a request; returns true if an earlier one used this connection (a kept connection). */
    boolean beginRequest() {
        received = 0;
        return requests++ > 0;
    }

    /** Whether any byte arrived since the current request began. */
    boolean receivedAnything() {
        return received > 0;
    }

    /** Buffers small writes; a large one goes out at once together with what is buffered. */
    void write(byte[] b, int off, int len) throws HttpBackendException {
        if (out.size() + len <= OUTPUT_BUFFER) {
            out.put(b, off, len);
            return;
        }
        pair[0] = ByteBuffer.wrap(out.array(), 0, out.size());
        pair[1] = ByteBuffer.wrap(b, off, len);
        out.reset();
        writeFully();
    }

    void flush() throws HttpBackendException {
        if (out.size() == 0) return;
        pair[0] = ByteBuffer.wrap(out.array(), 0, out.size());
        pair[1] = ByteBuffer.allocate(0);
        out.reset();
        writeFully();
    }

    private void writeFully() throws HttpBackendException {
        deadline.arm(config.sendTimeout(), "send");
        try {
            while (pair[0].hasRemaining() || pair[1].hasRemaining()) channel.write(pair);
        } catch (IOException e) {
            throw failure("sending the request to", e);
        } finally {
            deadline.disarm();
        }
    }

    /** The reader's source: one read, within the read timeout. */
    private int read(byte[] buffer, int offset, int length) throws HttpBackendException {
        deadline.arm(config.readTimeout(), "read");
        int n;
        try {
            do {
                n = channel.read(ByteBuffer.wrap(buffer, offset, length));
            } while (n == 0);
        } catch (IOException e) {
            throw failure("reading the response from", e);
        } finally {
            deadline.disarm();
        }
        if (n < 0 && expired != null) throw timeout(null);
        if (n > 0) received += n;
        return n;
    }

    private HttpBackendException failure(String what, IOException e) {
        closeQuietly(channel);
        if (expired != null) return timeout(e);
        String why = e.getMessage() != null ? e.getMessage() : e.toString();
        return new HttpBackendException(502, what + " " + target + " failed: " + why, e);
    }

    /** A 504 naming the wait that timed out (not necessarily the call that noticed: a write can outlive its deadline). */
    private HttpBackendException timeout(IOException e) {
        String message = switch (expired) {
            case "connect" -> "connecting to " + target + " took longer than " + config.connectTimeout();
            case "send" -> "sending the request to " + target + " took longer than " + config.sendTimeout();
            default -> "waiting for the response from " + target + " took longer than " + config.readTimeout();
        };
        return new HttpBackendException(504, message, e);
    }

    @Override
    public void markIdle() {
        idleSince = System.nanoTime();
    }

    /**
     * Whether a kept connection can carry the next request: open, fresh enough, with nothing
     * unread, and not closed by the backend meanwhile (a non-blocking read finds no end-of-stream
     * and no stray bytes), so that most stale connections are dropped before a request is risked.
     */
    @Override
    public boolean fitForReuse(Duration maxIdle) {
        if (!channel.isOpen() || reader.buffered() > 0 || reader.atEof()) return false;
        if (System.nanoTime() - idleSince > maxIdle.toNanos()) return false;
        try {
            channel.configureBlocking(false);
            try {
                probe.clear();
                return channel.read(probe) == 0;
            } finally {
                channel.configureBlocking(true);
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the response just read left the connection where the next one can start. */
    @Override
    public boolean keepable() {
        return channel.isOpen() && reader.buffered() == 0 && !reader.atEof();
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
}
