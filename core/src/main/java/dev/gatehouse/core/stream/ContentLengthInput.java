package dev.gatehouse.core.stream;

import dev.gatehouse.core.ClientGoneException;
import dev.gatehouse.core.ProtocolException;
import dev.gatehouse.core.net.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * {@code gateway.input} of a stream protocol: exactly {@code length} bytes of the connection, then
 * end-of-stream. Each read waits at most the body idle timeout (the deadline shuts the input down,
 * which turns into a 408); a connection that ends early means the web server gave up on the request.
 */
public final class ContentLengthInput extends InputStream {
    private final InputStream in;
    private final long length;
    private final Deadline deadline;
    private final Duration idleTimeout;
    private long remaining;

    public ContentLengthInput(InputStream in, long length, Deadline deadline, Duration idleTimeout) {
        this.in = in;
        this.length = length;
        this.remaining = length;
        this.deadline = deadline;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (remaining == 0) return -1;
        deadline.arm(idleTimeout, "request body");
        int n;
        try {
            n = in.read(b, off, (int) Math.min(len, remaining));
        } finally {
            deadline.disarm();
        }
        if (n < 0) {
            if (deadline.fired()) throw new ProtocolException(408, "timed out waiting for the request body (" + (length - remaining) + " of " + length + " bytes read)");
            throw new ClientGoneException("the web server closed the connection after " + (length - remaining) + " of " + length + " body bytes");
        }
        remaining -= n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(remaining, in.available());
    }

    /** Body bytes not read yet. */
    public long remaining() {
        return remaining;
    }

    /** Reads and drops up to {@code max} unread body bytes; true if the body was read to its end. */
    public boolean drain(long max, Duration timeout) {
        byte[] scrap = new byte[8192];
        long budget = max;
        try {
            while (remaining > 0 && budget > 0) {
                deadline.arm(timeout, "unread request body");
                int n;
                try {
                    n = in.read(scrap, 0, (int) Math.min(scrap.length, Math.min(remaining, budget)));
                } finally {
                    deadline.disarm();
                }
                if (n < 0) return false;
                remaining -= n;
                budget -= n;
            }
        } catch (IOException e) {
            return false;
        }
        return remaining == 0;
    }
}
