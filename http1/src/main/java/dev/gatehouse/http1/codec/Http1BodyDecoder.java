package dev.gatehouse.http1.codec;

import java.io.IOException;
import java.io.InputStream;

/** A request body as a stream that ends exactly where the body ends. */
public abstract sealed class Http1BodyDecoder extends InputStream permits Http1FixedLengthDecoder, Http1ChunkedDecoder {
    /** True once every byte of the body (and, for chunked, its trailer section) was read. */
    public abstract boolean complete();

    /** Body bytes still to come if known, or 0 when complete; a chunked body reports 0 (unknown). */
    public abstract long remaining();

    /** Reads and discards the rest of the body, up to {@code maxBytes}; returns false if more was left. */
    public boolean drain(long maxBytes) throws IOException {
        byte[] scratch = new byte[8192];
        long drained = 0;
        while (!complete()) {
            if (drained >= maxBytes) return false;
            int n = read(scratch, 0, (int) Math.min(scratch.length - 1, maxBytes - drained) + 1); // no overflow at Long.MAX_VALUE
            if (n < 0) return complete();
            drained += n;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    static Http1Exception truncated() {
        return Http1Exception.badRequest("connection closed before the end of the request body");
    }
}
