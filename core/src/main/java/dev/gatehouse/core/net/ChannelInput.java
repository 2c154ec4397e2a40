package dev.gatehouse.core.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A buffered stream over a blocking socket channel for a connection's reader. Written out rather
 * than {@code Channels.newInputStream} so that reads never share a lock with the app threads' writes.
 */
public final class ChannelInput extends InputStream {
    private final SocketChannel channel;
    private final ByteBuffer buffer;

    public ChannelInput(SocketChannel channel, int size) {
        this.channel = channel;
        this.buffer = ByteBuffer.allocate(size).flip();
    }

    @Override
    public int read() throws IOException {
        if (!fill()) return -1;
        return buffer.get() & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!buffer.hasRemaining() && len >= buffer.capacity()) return readDirect(b, off, len);
        if (!fill()) return -1;
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }

    /** A read at least as large as the buffer goes straight into the caller's array: no copy, and the buffer can stay small. */
    private int readDirect(byte[] b, int off, int len) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(b, off, len);
        int n;
        do {
            n = channel.read(target);
        } while (n == 0);
        return n;
    }

    private boolean fill() throws IOException {
        if (buffer.hasRemaining()) return true;
        buffer.clear();
        int n;
        do {
            n = channel.read(buffer);
        } while (n == 0);
        buffer.flip();
        return n > 0;
    }
}
