package dev.gatehouse.http1.codec;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * The buffered bytes of one connection, shared by the head decoder and the body decoders so
 * that nothing read ahead (a pipelined request) is lost between them. Lines are located in
 * place; the buffer grows only up to the longest line a limit allows.
 */
public final class Http1Reader {
    /** Where bytes come from; the server's source also flushes pending output and arms timeouts. */
    @FunctionalInterface
    public interface Source {
        /** Like {@link java.io.InputStream#read(byte[], int, int)}: at least one byte, or -1 at the end. */
        int read(byte[] buffer, int offset, int length) throws IOException;
    }

    private final Source source;
    private final int maxBufferSize;
    byte[] buf;
    int pos;
    int limit;
    private boolean eof;

    public Http1Reader(Source source, int initialSize, int maxBufferSize) {
        this.source = source;
        this.buf = new byte[initialSize];
        this.maxBufferSize = maxBufferSize;
    }

    /** Bytes already read from the source and not yet consumed. */
    public int buffered() {
        return limit - pos;
    }

    public boolean atEof() {
        return eof;
    }

    /**
     * Reads more bytes into the buffer (compacting or growing it as needed).
     *
     * @return false at the end of the input
     */
    boolean fill() throws IOException {
        if (eof) return false;
        if (pos > 0 && (limit == buf.length || pos == limit)) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= maxBufferSize) throw new IllegalStateException("line longer than the buffer allows");
            buf = java.util.Arrays.copyOf(buf, Math.min(buf.length * 2, maxBufferSize));
        }
        int n = source.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    /**
     * Finds the end of the next line: the index of its LF, with at most {@code maxLength} bytes
     * before it. Returns -1 at the end of input before any byte; throws {@code tooLong} when the
     * limit passes without an LF. The errors are suppliers: building an exception costs a stack walk.
     */
    int findLineEnd(int maxLength, Supplier<Http1Exception> tooLong, Supplier<Http1Exception> truncated) throws IOException {
        int scanned = 0;
        while (true) {
            int end = Math.min(limit, pos + maxLength + 2);
            for (int i = pos + scanned; i < end; i++) {
                if (buf[i] == '\n') return i;
            }
            scanned = end - pos;
            if (scanned >= maxLength + 2) throw tooLong.get();
            if (!fill()) {
                if (limit == pos) return -1;
                throw truncated.get();
            }
        }
    }

    /** Reads body bytes: first from the buffer, then straight from the source. */
    public int read(byte[] dst, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (pos == limit) {
            if (eof) return -1;
            if (len >= buf.length) {
                int n = source.read(dst, off, len);
                if (n < 0) eof = true;
                return n;
            }
            if (!fill()) return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, dst, off, n);
        pos += n;
        return n;
    }

    /** Skips up to {@code n} buffered-or-incoming bytes; returns how many were skipped, -1 at the end. */
    public long skip(long n) throws IOException {
        if (pos == limit && !fill()) return -1;
        int k = (int) Math.min(n, limit - pos);
        pos += k;
        return k;
    }
}
