package dev.gatehouse.http1.server;

import dev.gatehouse.core.ClientGoneException;
import dev.gatehouse.core.net.Deadline;
import dev.gatehouse.core.net.SocketFileSender;
import dev.gatehouse.core.net.SocketFileSender.FileShorterException;
import dev.gatehouse.core.net.TcpCork;
import dev.gatehouse.http1.codec.Http1ResponseEncoder.ByteSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The write side of a connection: small writes gather in a buffer that goes out in one system
 * call (head and body of a small response together); large ones go straight through. Every
 * blocking write runs under the write deadline, which closes the channel when it passes.
 */
final class Http1Output {
    private static final int BUFFER = 16 * 1024;
    /**
     * File regions up to this size are read into the buffer behind the head rather than sent
     * with {@code transferTo}: one {@code pread} and one write (one TCP segment) instead of a
     * write for the head plus a {@code sendfile}, which for a small file cost more than the copy.
     */
    static final int COPY_FILE_LIMIT = 16 * 1024;
    private final SocketChannel channel;
    private final Deadline deadline;
    private final Duration writeTimeout;
    final ByteSink buffer = new ByteSink(BUFFER);
    private final ByteBuffer[] pair = new ByteBuffer[2];
    private final SocketFileSender files;
    private boolean corkable = TcpCork.available();

    Http1Output(SocketChannel channel, Deadline deadline, Duration writeTimeout) {
        this.channel = channel;
        this.files = new SocketFileSender(channel);
        this.deadline = deadline;
        this.writeTimeout = writeTimeout;
    }

    void write(byte[] b, int off, int len) throws IOException {
        if (buffer.size() + len <= BUFFER) {
            buffer.put(b, off, len);
            return;
        }
        pair[0] = ByteBuffer.wrap(buffer.array(), 0, buffer.size());
        pair[1] = ByteBuffer.wrap(b, off, len);
        buffer.reset();
        writeFully(pair);
    }

    void flush() throws IOException {
        if (buffer.size() == 0) return;
        pair[0] = ByteBuffer.wrap(buffer.array(), 0, buffer.size());
        pair[1] = ByteBuffer.allocate(0);
        buffer.reset();
        writeFully(pair);
    }

    /**
     * Sends a file region: a small one ({@link #COPY_FILE_LIMIT}) is read into the buffer, to go
     * out with what precedes it; a larger one is sent with {@link #transferFrom}.
     */
    void sendFile(FileChannel file, long position, long length) throws IOException {
        if (length > COPY_FILE_LIMIT) {
            transferFrom(file, position, length);
            return;
        }
        int n = (int) length;
        buffer.ensure(n);
        ByteBuffer target = ByteBuffer.wrap(buffer.array(), buffer.size(), n);
        while (target.hasRemaining()) {
            if (file.read(target, position + target.position() - buffer.size()) < 0) {
                throw new FileShorterException();
            }
        }
        buffer.advance(n);
    }

    /**
     * Flushes, then sends a file region with {@code transferTo} (sendfile; parks rather than spins
     * on a full socket), the two corked on TCP (see {@link TcpCork}).
     */
    void transferFrom(FileChannel file, long position, long length) throws IOException {
        boolean corked = corkable && TcpCork.set(channel, true);
        if (!corked) corkable = false; // a Unix socket, or no corking in this JVM: not tried again
        try {
            flush();
            deadline.arm(writeTimeout, "response write");
            try {
                files.send(file, position, length);
            } catch (FileShorterException e) {
                throw e;
            } catch (IOException e) {
                throw gone(e);
            } finally {
                deadline.disarm();
            }
        } finally {
            // Not on a closed channel: its descriptor number may already belong to another socket.
            if (corked && channel.isOpen()) TcpCork.set(channel, false);
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
        return new ClientGoneException(deadline.fired() ? "client did not read the response within " + writeTimeout : "write failed: " + e.getMessage(), e);
    }
}
