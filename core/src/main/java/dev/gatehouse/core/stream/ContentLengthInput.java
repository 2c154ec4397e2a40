package dev.gatehouse.core.stream;

import dev.gatehouse.core.ClientGoneException;
import dev.gatehouse.core.ProtocolException;
import dev.gatehouse.core.net.Deadline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * {@code gateway.input} of a stream protocol: exactly {@code length} bytes of the connection, then
 * end-of-stream. Each read waits at most the body idle timeout (the deadline shuts the input down,
 * which turns into a 408); a connection that ends early means the web server gave up on the request.
 * Before a response goes out, what the app has not read yet can be taken off the connection
 * ({@link #bufferRest}) so the app may still read it afterwards.
 */
public final class ContentLengthInput extends InputStream {
    private final InputStream in;
    private final long length;
    private final Deadline deadline;
    private final Duration idleTimeout;
    private long remaining;
    private InputStream buffered;

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
        int n = buffered != null ? buffered.read(b, off, (int) Math.min(len, remaining)) : readConnection(b, off, (int) Math.min(len, remaining), remaining);
        if (n < 0) throw new IOException("buffered request body ended early");
        remaining -= n;
        return n;
    }

    /** One read from the connection under the idle deadline; {@code left} is what the body still owes. */
    private int readConnection(byte[] b, int off, int len, long left) throws IOException {
        deadline.arm(idleTimeout, "request body");
        int n;
        try {
            n = in.read(b, off, len);
        } finally {
            deadline.disarm();
        }
        if (n < 0) {
            if (deadline.fired()) throw new ProtocolException(408, "timed out waiting for the request body (" + (length - left) + " of " + length + " bytes read)");
            throw new ClientGoneException("the web server closed the connection after " + (length - left) + " of " + length + " body bytes");
        }
        return n;
    }

    /**
     * Reads the body the app has not read yet off the connection now, into memory up to
     * {@code memoryBytes} and a temporary file past that; the app reads it from there later.
     * Web servers (nginx) stop sending a request body once the response head arrives, so an app
     * that answers first and reads afterwards would otherwise wait for bytes that never come.
     * A rest larger than {@code maxBytes} is left on the connection.
     */
    public void bufferRest(int memoryBytes, long maxBytes) throws IOException {
        if (remaining == 0 || buffered != null || remaining > maxBytes) return;
        ByteArrayOutputStream memory = new ByteArrayOutputStream((int) Math.min(remaining, memoryBytes));
        Path file = null;
        OutputStream spill = null;
        byte[] scrap = new byte[16 * 1024];
        try {
            for (long left = remaining; left > 0; ) {
                int n = readConnection(scrap, 0, (int) Math.min(scrap.length, left), left);
                left -= n;
                if (spill == null && memory.size() + n > memoryBytes) {
                    file = Files.createTempFile("gatehouse-body-", ".tmp");
                    spill = Files.newOutputStream(file);
                    memory.writeTo(spill);
                }
                if (spill != null) spill.write(scrap, 0, n);
                else memory.write(scrap, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            if (spill != null) spill.close();
            if (file != null) Files.deleteIfExists(file);
            throw e;
        }
        if (spill == null) {
            buffered = new ByteArrayInputStream(memory.toByteArray());
        } else {
            spill.close();
            buffered = Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE);
        }
    }

    /** Releases a buffered body's temporary file; the connection itself is not closed here. */
    @Override
    public void close() throws IOException {
        if (buffered != null) buffered.close();
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(remaining, buffered != null ? buffered.available() : in.available());
    }

    /** Body bytes not read yet. */
    public long remaining() {
        return remaining;
    }

    /** Reads and drops up to {@code max} unread body bytes; true if the body was read to its end. */
    public boolean drain(long max, Duration timeout) {
        if (buffered != null) return true;
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
