package dev.gatehouse.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads at most {@code limit} bytes; one more is a 413 whose message names the limit. */
final class BoundedInput extends FilterInputStream {
    private final long limit;
    private final String limitName;
    private long count;

    BoundedInput(InputStream in, long limit, String limitName) {
        super(in);
        this.limit = limit;
        this.limitName = limitName;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) count(1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, (int) Math.min(len, limit - count + 1));
        if (n > 0) count(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, limit - count + 1));
        if (skipped > 0) count((int) skipped);
        return skipped;
    }

    @Override
    public void close() {
        // the request body belongs to the server
    }

    private void count(int n) {
        count += n;
        if (count > limit) throw tooLarge(limitName, limit);
    }

    static PayloadTooLarge tooLarge(String limitName, long limit) {
        return new PayloadTooLarge("request body exceeds " + limitName + " (" + limit + " bytes)");
    }
}
