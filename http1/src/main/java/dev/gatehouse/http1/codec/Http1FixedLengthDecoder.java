package dev.gatehouse.http1.codec;

import java.io.IOException;

/** A body of a declared Content-Length. */
public final class Http1FixedLengthDecoder extends Http1BodyDecoder {
    private final Http1Reader in;
    private long remaining;

    public Http1FixedLengthDecoder(Http1Reader in, long length) {
        this.in = in;
        this.remaining = length;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) return -1;
        if (len == 0) return 0;
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) throw truncated();
        remaining -= n;
        return n;
    }

    @Override
    public int available() {
        return (int) Math.min(remaining, in.buffered());
    }

    @Override
    public long remaining() {
        return remaining;
    }

    @Override
    public boolean complete() {
        return remaining == 0;
    }
}
