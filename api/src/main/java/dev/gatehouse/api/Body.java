package dev.gatehouse.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/**
 * A response body: a sequence of byte chunks, read once with {@link #next()} and always closed
 * by the server, whatever happens. Empty chunks are allowed and carry no meaning.
 */
public interface Body extends Closeable {
    /** The next chunk, or {@code null} at the end of the body. */
    byte[] next() throws IOException;

    @Override
    default void close() throws IOException {
    }

    static Body empty() {
        return () -> null;
    }

    static Body of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    static Body of(byte[]... chunks) {
        return of(List.of(chunks));
    }

    static Body of(Iterable<byte[]> chunks) {
        Iterator<byte[]> it = chunks.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    /** A body read from a stream in chunks of up to 64 KiB; the stream is closed with the body. */
    static Body of(InputStream in) {
        return new Body() {
            @Override
            public byte[] next() throws IOException {
                byte[] buf = in.readNBytes(65536);
                return buf.length == 0 ? null : buf;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
