package dev.gatehouse.web.session;

import java.io.IOException;
import java.io.InputStream;

/**
 * The start of a request body that was read ahead, followed by the rest of the server's input.
 * Unlike {@link java.io.SequenceInputStream} it never closes the server's input (which belongs to
 * the server) when it is exhausted or closed.
 */
final class ReplayedInput extends InputStream {
    private final byte[] prefix;
    private final InputStream rest;
    private int pos;

    ReplayedInput(byte[] prefix, InputStream rest) {
        this.prefix = prefix;
        this.rest = rest;
    }

    @Override
    public int read() throws IOException {
        return pos < prefix.length ? prefix[pos++] & 0xFF : rest.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (pos < prefix.length) {
            int n = Math.min(len, prefix.length - pos);
            System.arraycopy(prefix, pos, b, off, n);
            pos += n;
            return n;
        }
        return rest.read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return pos < prefix.length ? prefix.length - pos : rest.available();
    }
}
