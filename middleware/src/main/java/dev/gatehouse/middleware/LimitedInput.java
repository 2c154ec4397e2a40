package dev.gatehouse.middleware;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@code gateway.input} under a {@link RequestSizeLimit}: counts the bytes read and throws
 * {@link RequestBodyTooLargeException} instead of handing out any byte past the limit, on this
 * read and every later one. Extends {@code InputStream} itself (not {@code FilterInputStream},
 * whose {@code skip} would bypass the count), so every read path comes through here.
 */
final class LimitedInput extends InputStream {
    private final InputStream in;
    private final long limit;
    private long count;
    private boolean tripped;

    LimitedInput(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        check();
        int b = in.read();
        if (b >= 0) counted(1);
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        check();
        int n = in.read(bytes, offset, length);
        if (n > 0) counted(n);
        return n;
    }

    private void check() throws RequestBodyTooLargeException {
        if (tripped) throw new RequestBodyTooLargeException(limit);
    }

    private void counted(int n) throws RequestBodyTooLargeException {
        count += n;
        if (count > limit) {
            tripped = true;
            throw new RequestBodyTooLargeException(limit);
        }
    }

    @Override
    public int available() throws IOException {
        return tripped ? 0 : in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
