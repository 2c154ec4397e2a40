package dev.gatehouse.core.proxy;

import dev.gatehouse.api.Body;
import dev.gatehouse.core.ClientGoneException;
import dev.gatehouse.core.cgi.CgiResponse;
import dev.gatehouse.core.cgi.CgiResponseException;
import dev.gatehouse.core.cgi.CgiResponseParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request to a stream-protocol backend on its own connection: sends the head and the body
 * (as the client sends it), reads up to the end of the CGI head, then, as the response
 * {@link Body}, hands out what follows until the backend closes the connection.
 *
 * <p>Everything runs on the request's thread, the client's body included, so the request input
 * is never read from two threads. A backend may answer before it has read the whole request
 * (an app that ignores the body) and then stop reading: sending stops quietly as soon as a write
 * fails, or takes longer than the send timeout, and whatever the backend answered is read and
 * relayed. Only when no answer comes is the send failure reported. Such a backend's kernel
 * resets the connection when it closes it with request bytes unread; after a request with a body,
 * a reset while reading the response body therefore ends the body like a close.
 *
 * <p>The connection, and the caller's concurrency permit with it, is released exactly once: at
 * the end of the response, on any failure, or when the body is closed early (the client left).
 */
final class StreamClientExchange implements Body {
    private static final Logger log = LoggerFactory.getLogger(StreamClientExchange.class);
    static final int CHUNK = 32 * 1024;
    /**
     * The read buffer starts at this size, which holds most response heads and small bodies: it is
     * allocated (and zeroed) per request, and 32 KiB of it cost more than the rest of a small
     * request's Java work. A read that fills it switches to a {@link #CHUNK} one for the rest.
     */
    private static final int FIRST_BUFFER = 4 * 1024;

    private final StreamBackendConnection connection;
    private final StreamClientConfig config;
    private final Runnable onRelease;
    private final AtomicBoolean released = new AtomicBoolean();
    private ByteBuffer buffer = ByteBuffer.allocate(FIRST_BUFFER);
    /** Why the backend took no more of the request, or null if it took all of it. */
    private IOException sendFailure;
    /** The request had a body, which the backend may have left unread. */
    private boolean sentBody;
    private byte[] bodyStart;
    private boolean ended;

    StreamClientExchange(StreamBackendConnection connection, StreamClientConfig config, Runnable onRelease) {
        this.connection = connection;
        this.config = config;
        this.onRelease = onRelease;
    }

    /**
     * Sends {@code head} and {@code start} in one write, then {@code restLength} bytes of
     * {@code rest} as they arrive. Stops without an error if the backend stops reading; a failure
     * of the client's body (it ended early, timed out) is thrown as it is, after the release.
     */
    void send(byte[] head, byte[] start, InputStream rest, long restLength) throws IOException {
        sentBody = start.length > 0 || restLength > 0;
        try {
            if (!sent(connection.send(config.sendTimeout(), ByteBuffer.wrap(head), ByteBuffer.wrap(start)))) return;
            if (restLength == 0) return;
            byte[] chunk = new byte[(int) Math.min(CHUNK, restLength)];
            long left = restLength;
            while (left > 0) {
                int n = rest.read(chunk, 0, (int) Math.min(chunk.length, left)); // whatever has arrived
                if (n < 0) throw new ClientGoneException("the request body ended after " + (restLength - left) + " of " + restLength + " bytes");
                if (n == 0) continue;
                left -= n;
                if (!sent(connection.send(config.sendTimeout(), ByteBuffer.wrap(chunk, 0, n)))) return;
            }
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
    }

    private boolean sent(IOException failure) {
        sendFailure = failure;
        return failure == null;
    }

    /** Reads up to the end of the CGI response head; on any failure the connection is released. */
    CgiResponse readHead() throws StreamBackendException {
        CgiResponseParser parser = new CgiResponseParser(config.maxHeadBytes(), config.maxHeadFields());
        try {
            if (sendFailure instanceof StreamBackendException timedOut) {
                // The backend stopped reading the request: unless it has answered already, that is the failure.
                int n = connection.readAvailable(buffer);
                if (n <= 0) throw timedOut;
                feed(parser, n);
            }
            while (!parser.isComplete()) {
                int n = connection.read(buffer, config.readTimeout());
                if (n < 0) throw new StreamBackendException(502, connection.target() + " closed the connection before sending a response head");
                feed(parser, n);
            }
        } catch (CgiResponseException e) {
            release();
            throw new StreamBackendException(502, "malformed CGI response from " + connection.target() + ": " + e.getMessage(), e);
        } catch (StreamBackendException e) {
            release();
            if (e.status() != 502 || sendFailure == null) throw e;
            throw new StreamBackendException(502, e.getMessage() + " (it had stopped reading the request: " + sendFailure.getMessage() + ")", e);
        }
        if (sendFailure != null) {
            log.debug("{} answered before it read the whole request ({})", connection.target(), sendFailure.getMessage());
        }
        return parser.response();
    }

    private void feed(CgiResponseParser parser, int n) throws CgiResponseException {
        int used = parser.feed(buffer.array(), 0, n);
        if (used < n) bodyStart = Arrays.copyOfRange(buffer.array(), used, n);
    }

    @Override
    public byte[] next() throws IOException {
        if (bodyStart != null) {
            byte[] first = bodyStart;
            bodyStart = null;
            return first;
        }
        if (ended) return null;
        int n;
        try {
            n = connection.read(buffer, config.readTimeout());
        } catch (StreamBackendException e) {
            if (!sentBody || e.status() != 502) {
                release();
                throw e;
            }
            // A backend that closes with part of the request body unread (an app that ignored it)
            // makes its kernel reset the connection; the reset comes after everything it answered,
            // so it ends the response, as the close it stands for would have.
            log.debug("{} reset the connection after its answer: {}", connection.target(), e.getMessage());
            n = -1;
        }
        if (n < 0) {
            ended = true;
            release();
            return null;
        }
        byte[] chunk = Arrays.copyOf(buffer.array(), n);
        if (n == buffer.capacity() && n < CHUNK) buffer = ByteBuffer.allocate(CHUNK); // a large body: larger reads
        return chunk;
    }

    /** Closes the connection; early (the client left, a HEAD request) or at the end, the backend is done with. */
    @Override
    public void close() {
        release();
    }

    private void release() {
        if (!released.compareAndSet(false, true)) return;
        try {
            connection.close();
        } finally {
            onRelease.run();
        }
    }
}
