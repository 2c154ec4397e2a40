package dev.gatehouse.http1.server;

import dev.gatehouse.http1.codec.Http1BodyDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code gateway.input} of one request: the body decoder, plus the interim
 * {@code 100 Continue} sent on the app's first read (never before: an app that answers without
 * reading spares the client the upload), plus a record of whether the body broke mid-way.
 */
final class Http1RequestInput extends InputStream {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Http1BodyDecoder body;
    private final Http1Output out;
    private final long maxDrain;
    private Http1Exchange exchange;
    private boolean continuePending;
    private boolean failed;

    Http1RequestInput(Http1BodyDecoder body, Http1Output out, boolean expectContinue, long maxDrain) {
        this.body = body;
        this.out = out;
        this.maxDrain = maxDrain;
        this.continuePending = expectContinue && !body.complete();
    }

    void attach(Http1Exchange exchange) {
        this.exchange = exchange;
    }

    boolean failed() {
        return failed;
    }

    /**
     * Whether what is left of the body can be read and dropped to keep the connection: not when
     * the client still waits for a 100 Continue it will never get, nor when more than the drain
     * limit is known to remain (a chunked rest is drained up to the limit, then the connection closes).
     */
    boolean drainable() {
        if (body.complete()) return true;
        if (continuePending) return false;
        return body.remaining() <= maxDrain;
    }

    /** Drops the rest of the body so the next request can be read; false if the connection must close instead. */
    boolean drain() throws IOException {
        return drainable() && body.drain(maxDrain);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (continuePending) sendContinue();
        try {
            return body.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    private void sendContinue() throws IOException {
        continuePending = false;
        if (exchange != null && exchange.headSent()) return;
        out.write(CONTINUE, 0, CONTINUE.length);
        out.flush();
    }

    @Override
    public int available() throws IOException {
        return body.available();
    }
}
