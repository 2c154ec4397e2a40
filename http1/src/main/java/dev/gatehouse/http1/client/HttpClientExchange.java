package dev.gatehouse.http1.client;

import dev.gatehouse.api.Body;
import dev.gatehouse.core.ProtocolException;
import dev.gatehouse.http1.codec.Http1BodyDecoder;
import dev.gatehouse.http1.codec.Http1ChunkedDecoder;
import dev.gatehouse.http1.codec.Http1Exception;
import dev.gatehouse.http1.codec.Http1FixedLengthDecoder;
import dev.gatehouse.http1.codec.Http1Response;
import dev.gatehouse.http1.codec.Http1ResponseEncoder;
import dev.gatehouse.http1.codec.Http1ResponseEncoder.Framing;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request to a backend on one leased connection: sends the head and the body while it
 * arrives from the client (chunked when it has no length); reads the response head; then, as the
 * response {@link Body}, hands out the body as it arrives, de-chunked.
 *
 * <p>The connection goes back to the pool exactly once: reusable after a response read to its
 * end that allows it, closed after anything else (an error, a close-delimited body, or a body
 * closed before its end because the client went away).
 */
final class HttpClientExchange implements Body {
    private static final Logger log = LoggerFactory.getLogger(HttpClientExchange.class);
    private static final int CHUNK = 32 * 1024;

    private final HttpConnectionPool pool;
    private final HttpBackendConnection connection;
    private final HttpClientConfig config;
    private final String request;
    private final boolean keptConnection;
    private boolean readClientBody;
    private byte[] scratch;
    private Http1Response head;
    private Http1BodyDecoder body;
    private boolean ended;
    private boolean released;

    HttpClientExchange(HttpConnectionPool pool, HttpBackendConnection connection, HttpClientConfig config, String request) {
        this.pool = pool;
        this.connection = connection;
        this.config = config;
        this.request = request;
        this.keptConnection = connection.beginRequest();
    }

    /**
     * Sends the head and the body, streamed from {@code input} as it arrives. A failure of the
     * client's side (its body broke off, it went away) is thrown as it came; the backend's as an
     * {@link HttpBackendException}. Either way the connection is closed.
     */
    void send(HttpEnvironEncoder.Request head, InputStream input) throws IOException {
        try {
            connection.write(head.head(), 0, head.head().length);
            if (head.chunked()) sendChunked(input);
            else if (head.bodyLength() > 0) sendLength(input, head.bodyLength());
            connection.flush();
        } catch (IOException | RuntimeException e) {
            giveBack(false);
            throw e;
        }
    }

    private void sendLength(InputStream input, long length) throws IOException {
        byte[] buf = new byte[(int) Math.min(CHUNK, length)];
        long left = length;
        while (left > 0) {
            int n = input.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) throw new ProtocolException(400, "request body ended after " + (length - left) + " of its " + length + " bytes");
            if (n == 0) continue;
            readClientBody = true;
            connection.write(buf, 0, n);
            connection.flush();
            left -= n;
        }
    }

    private void sendChunked(InputStream input) throws IOException {
        byte[] buf = new byte[CHUNK];
        while (true) {
            int n = input.read(buf);
            if (n < 0) break;
            if (n == 0) continue;
            readClientBody = true;
            Http1ResponseEncoder.chunkHeader(connection.buffer(), n);
            connection.write(buf, 0, n);
            Http1ResponseEncoder.chunkTrailer(connection.buffer());
            connection.flush();
        }
        Http1ResponseEncoder.lastChunk(connection.buffer());
    }

    /** Reads up to the end of the final response head; on any failure the connection is closed. */
    Http1Response readHead(String method) throws HttpBackendException {
        Http1Response response;
        try {
            response = connection.decoder().decode(method);
            if (response == null) throw new HttpBackendException(502, pool.target() + " closed the connection without answering");
        } catch (HttpBackendException e) {
            giveBack(false);
            throw e;
        } catch (Http1Exception e) {
            giveBack(false);
            throw new HttpBackendException(502, "malformed response from " + pool.target() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            giveBack(false);
            throw new HttpBackendException(502, "reading the response from " + pool.target() + " failed: " + e.getMessage(), e);
        }
        head = response;
        if (response.framing() == Framing.CHUNKED) {
            body = new Http1ChunkedDecoder(connection.reader(), Long.MAX_VALUE, config.maxChunkExtensionBytes(), config.maxTrailerBytes());
        } else if (response.framing() == Framing.CONTENT_LENGTH && response.contentLength() > 0) {
            body = new Http1FixedLengthDecoder(connection.reader(), response.contentLength());
        } else if (response.framing() != Framing.CLOSE) {
            end(); // no body, or an empty one: the connection is free already
        }
        return response;
    }

    Http1Response head() {
        return head;
    }

    /** True if a failure may be retried on a fresh connection: a kept connection that answered nothing, and no client body byte was used up. */
    boolean retryable() {
        return keptConnection && !connection.receivedAnything() && !readClientBody;
    }

    @Override
    public byte[] next() throws IOException {
        if (ended) return null;
        if (scratch == null) scratch = new byte[scratchSize()];
        byte[] buf = scratch;
        int n;
        try {
            n = body != null ? body.read(buf, 0, buf.length) : connection.reader().read(buf, 0, buf.length);
        } catch (HttpBackendException e) {
            throw cut(e);
        } catch (Http1Exception e) {
            String what = connection.reader().atEof()
                    ? pool.target() + " closed the connection before the end of the response body"
                    : "malformed response body from " + pool.target() + ": " + e.getMessage();
            throw cut(new HttpBackendException(502, what, e));
        }
        if (n < 0) {
            end();
            return null;
        }
        if (body != null && body.complete()) end(); // a Content-Length body read to its end: free the connection now
        return Arrays.copyOf(buf, n); // a chunk of its own: the server may hold on to it while asking for the next
    }

    /** A body of a known length smaller than a chunk gets a buffer of its size: one is allocated (zeroed) per response. */
    private int scratchSize() {
        if (head.framing() == Framing.CONTENT_LENGTH) return (int) Math.max(1, Math.min(CHUNK, head.contentLength()));
        return CHUNK;
    }

    /** The response broke off after its head went out: closes the connection; the caller aborts the client's. */
    private HttpBackendException cut(HttpBackendException e) {
        giveBack(false);
        log.warn("HTTP {} for {}: {} (response cut short)", pool.target(), request, e.getMessage());
        return e;
    }

    private void end() {
        ended = true;
        giveBack(head.keepAlive());
    }

    /** A body closed before its end (the client went away, or an error): the rest is not read and the connection is closed. */
    @Override
    public void close() {
        giveBack(false);
    }

    private void giveBack(boolean reusable) {
        if (released) return;
        released = true;
        pool.release(connection, reusable);
    }
}
