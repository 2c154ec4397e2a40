package dev.gatehouse.cgi.server;

import dev.gatehouse.core.ProtocolException;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code gateway.input} of a CGI script: exactly CONTENT_LENGTH bytes of stdin, then end-of-stream.
 * Not one byte more is read from stdin (RFC 3875 4.2: the script must not read past CONTENT_LENGTH,
 * whatever else is there), so reads are buffered only up to the end of the body. A stdin that ends
 * before CONTENT_LENGTH bytes is an error the app sees: a {@link ProtocolException} with status 400,
 * which the core answers if the app lets it through. A length of -1 means a body without a length,
 * read to the end of stdin (a chunked request through Apache httpd).
 */
final class CgiInput extends InputStream {
    private static final int BUFFER = 8192;
    private final InputStream stdin;
    private final long length;
    private long unread; // body bytes not yet read from stdin (Long.MAX_VALUE when to the end)
    private byte[] buf;
    private int pos;
    private int end;
    private boolean atEnd;

    CgiInput(InputStream stdin, long length) {
        this.stdin = stdin;
        this.length = length;
        this.unread = length < 0 ? Long.MAX_VALUE : length;
        this.buf = new byte[(int) Math.min(BUFFER, Math.max(1, unread))];
    }

    @Override
    public int read() throws IOException {
        if (pos == end && !fill()) return -1;
        return buf[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        if (pos == end) {
            // A large read goes straight to stdin, still never past the body.
            if (len >= BUFFER) return direct(b, off, len);
            if (!fill()) return -1;
        }
        int n = Math.min(len, end - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    private int direct(byte[] b, int off, int len) throws IOException {
        if (unread == 0) return -1;
        if (atEnd) return ended();
        int n = stdin.read(b, off, (int) Math.min(len, unread));
        if (n < 0) return ended();
        unread -= n;
        return n;
    }

    /** Refills the buffer with at most the body bytes still unread; false at the end of the body. */
    private boolean fill() throws IOException {
        if (unread == 0) return false;
        if (atEnd) return ended() > 0;
        int n = stdin.read(buf, 0, (int) Math.min(buf.length, unread));
        if (n < 0) {
            ended();
            return false;
        }
        unread -= n;
        pos = 0;
        end = n;
        return true;
    }

    /** stdin ended: the end of a body without a length, or a short body (said again on every later read). */
    private int ended() throws ProtocolException {
        atEnd = true;
        if (length < 0) return -1;
        throw new ProtocolException(400, "the request body ended after " + (length - unread) + " of its "
                + length + " bytes (CONTENT_LENGTH): stdin was closed early");
    }

    @Override
    public int available() throws IOException {
        int buffered = end - pos;
        if (buffered > 0 || unread == 0 || atEnd) return buffered;
        return (int) Math.min(unread, stdin.available());
    }

    /** Body bytes not read by the app yet (buffered or still in stdin); -1 for a body without a length. */
    long remaining() {
        return length < 0 ? -1 : unread + (end - pos);
    }

    /**
     * Reads the rest of the body from stdin into memory now, if it is at most {@code max} bytes, so
     * the web server can finish writing it; the app reads it later from memory all the same. Called
     * before the response's first byte goes out: Apache httpd's mod_cgi writes the whole body to
     * stdin before it reads any of stdout, so a script that answered with more than a pipe's buffer
     * before reading its body would wait on Apache while Apache waits on it. A stdin that ends early
     * is told to the app when it reads that far, as without the spool.
     *
     * @return true if the whole body is now in memory (or was already read)
     */
    boolean spoolRest(int max) {
        if (atEnd || unread == 0) return true;
        if (length < 0 || unread > max - (end - pos)) return false;
        byte[] spool = new byte[(int) (end - pos + unread)];
        int filled = end - pos;
        System.arraycopy(buf, pos, spool, 0, filled);
        try {
            while (unread > 0) {
                int n = stdin.read(spool, filled, (int) unread);
                if (n < 0) break;
                filled += n;
                unread -= n;
            }
        } catch (IOException e) {
            // what came is kept; the app sees the body end short when it reads that far
        }
        buf = spool;
        pos = 0;
        end = filled;
        if (unread > 0) atEnd = true; // stdin ended early or failed: a short body, said when the app gets there
        return unread == 0;
    }
}
