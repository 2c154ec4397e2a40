package dev.gatehouse.core.net;

import dev.gatehouse.core.ClientGoneException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The write side of a connection: small writes gather in a buffer that goes out in one system
 * call (a small response's head and body together); large ones go straight through with what is
 * buffered, in one gathering write. Every blocking write runs under the write deadline, whose
 * action is expected to close the channel. A failed write is a {@link ClientGoneException}.
 */
public final class ChannelOutput {
    /** Never written to nor moved (it has no bytes), so one serves every connection. */
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private final SocketChannel channel;
    private final Deadline deadline;
    private final Duration writeTimeout;
    private final byte[] buffer;
    private int buffered;
    private final ByteBuffer[] pair = new ByteBuffer[2];
    private final SocketFileSender files;

    public ChannelOutput(SocketChannel channel, Deadline deadline, Duration writeTimeout, int bufferSize) {
        this.channel = channel;
        this.files = new SocketFileSender(channel);
        this.deadline = deadline;
        this.writeTimeout = writeTimeout;
        this.buffer = new byte[bufferSize];
    }

    public void write(byte[] b, int off, int len) throws IOException {
        if (buffered + len <= buffer.length) {
            System.arraycopy(b, off, buffer, buffered, len);
            buffered += len;
            return;
        }
        pair[0] = ByteBuffer.wrap(buffer, 0, buffered);
        pair[1] = ByteBuffer.wrap(b, off, len);
        buffered = 0;
        writeFully(pair);
    }

    public void flush() throws IOException {
        if (buffered == 0) return;
        pair[0] = ByteBuffer.wrap(buffer, 0, buffered);
        pair[1] = EMPTY;
        buffered = 0;
        writeFully(pair);
    }

    /**
     * Flushes, then sends a file region with {@code transferTo} (sendfile; parks rather than spins
     * on a full socket). A file that shrank meanwhile is the app's fault, not the peer's: it is not
     * reported as the peer gone.
     */
    public void transferFrom(FileChannel file, long position, long length) throws IOException {
        flush();
        deadline.arm(writeTimeout, "response write");
        try {
            files.send(file, position, length);
        } catch (SocketFileSender.FileShorterException e) {
            throw e;
        } catch (IOException e) {
            throw gone(e);
        } finally {
            deadline.disarm();
        }
    }

    private void writeFully(ByteBuffer[] buffers) throws IOException {
        deadline.arm(writeTimeout, "response write");
        try {
            while (buffers[1].hasRemaining() || buffers[0].hasRemaining()) {
                channel.write(buffers);
            }
        } catch (IOException e) {
            throw gone(e);
        } finally {
            deadline.disarm();
        }
    }

    private ClientGoneException gone(IOException e) {
        return new ClientGoneException(deadline.fired() ? "peer did not read the response within " + writeTimeout : "write failed: " + e.getMessage(), e);
    }
}
