package dev.gatehouse.core.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/**
 * Sends file regions to one socket with {@code FileChannel.transferTo} ({@code sendfile(2)} for a
 * TCP or Unix socket), without spinning. A virtual thread's socket is non-blocking underneath, and
 * {@code transferTo} does not park: on a full send buffer it returns 0 at once, so looping on it
 * would keep a carrier thread busy for as long as a slow client takes to read. Instead, the next
 * small piece goes out with a blocking {@code write}, which parks on the poller until the socket
 * is writable, and sendfile resumes after it. Not thread-safe: one per connection.
 */
public final class SocketFileSender {
    /** Copied only when the socket is full; small, so little is read into the heap. */
    private static final int STALL_PIECE = 16 * 1024;

    /** The file ended before the region did (it was truncated while being sent). */
    public static final class FileShorterException extends IOException {
        private static final long serialVersionUID = 1L;

        public FileShorterException() {
            super("file shorter than the region being sent");
        }
    }

    private final SocketChannel socket;
    private ByteBuffer piece;

    public SocketFileSender(SocketChannel socket) {
        this.socket = socket;
    }

    /**
     * Sends {@code length} bytes of {@code file} from {@code position}; blocks (parks) until they
     * are all in the socket.
     *
     * @throws FileShorterException if the file ends first; any other {@code IOException} is the socket's
     */
    public void send(FileChannel file, long position, long length) throws IOException {
        long end = position + length;
        while (position < end) {
            long n = file.transferTo(position, end - position, socket);
            if (n == 0) {
                if (position >= file.size()) throw new FileShorterException();
                n = writeWhenWritable(file, position, end);
            }
            position += n;
        }
    }

    private int writeWhenWritable(FileChannel file, long position, long end) throws IOException {
        if (piece == null) piece = ByteBuffer.allocate(STALL_PIECE);
        piece.clear().limit((int) Math.min(STALL_PIECE, end - position));
        if (file.read(piece, position) <= 0) throw new FileShorterException();
        piece.flip();
        return socket.write(piece); // parks until the socket takes at least one byte
    }
}
