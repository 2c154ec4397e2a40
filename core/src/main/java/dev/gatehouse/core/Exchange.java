package dev.gatehouse.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * What an inbound adapter implements so {@link GatewayHandler} can answer a request over its
 * protocol: send a head, send body bytes, end the response well ({@link #finish()}) or badly
 * ({@link #abort()}). The handler calls these in that order and never after finish or abort.
 * Methods throw {@link ClientGoneException} when the peer has gone away.
 */
public interface Exchange {
    /** Sends (or buffers) the response head. Called once, before any body byte. */
    void sendHead(ResponseHead head) throws IOException;

    /** Sends body bytes. Never called for a bodyless head. */
    void sendBody(byte[] bytes, int offset, int length) throws IOException;

    /** Sends a file region; adapters that can, override this to send it zero-copy. */
    default void sendFile(FileChannel file, long position, long length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(64 * 1024, Math.max(length, 1)));
        long end = position + length;
        while (position < end) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - position));
            int n = file.read(buf, position);
            if (n <= 0) throw new IOException("file ended before the declared region");
            sendBody(buf.array(), 0, n);
            position += n;
        }
    }

    /** The response is complete: flush it. The connection may be reused afterwards. */
    void finish() throws IOException;

    /** The response cannot be completed: close the connection without pretending otherwise. */
    void abort();
}
