package dev.gatehouse.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A region of a file as a response body. Servers that can send it zero-copy
 * ({@code FileChannel.transferTo}) do so; {@link #next()} reads it in chunks for everyone else.
 * The channel is closed with the body. This is what {@code gateway.file_wrapper} returns.
 */
public final class FileBody implements Body {
    private static final int CHUNK = 64 * 1024;
    private final FileChannel channel;
    private final long start;
    private final long length;
    private long position;

    public FileBody(FileChannel channel, long start, long length) {
        if (start < 0 || length < 0) throw new IllegalArgumentException("negative file region");
        this.channel = channel;
        this.start = start;
        this.length = length;
        this.position = start;
    }

    /** The whole file. */
    public static FileBody of(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        return new FileBody(ch, 0, ch.size());
    }

    public FileChannel channel() {
        return channel;
    }

    public long start() {
        return start;
    }

    public long length() {
        return length;
    }

    @Override
    public byte[] next() throws IOException {
        long left = start + length - position;
        if (left <= 0) return null;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, left));
        while (buf.hasRemaining()) {
            int n = channel.read(buf, position);
            if (n < 0) break; // the file shrank: the server's length accounting will notice
            position += n;
        }
        if (buf.position() == 0) return null;
        return buf.position() == buf.capacity() ? buf.array() : java.util.Arrays.copyOf(buf.array(), buf.position());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
