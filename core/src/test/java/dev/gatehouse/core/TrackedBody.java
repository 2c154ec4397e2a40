package dev.gatehouse.core;

import dev.gatehouse.api.Body;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/** A body of fixed chunks that counts how the server uses it, and can fail at its end or on close. */
final class TrackedBody implements Body {
    private final Deque<byte[]> chunks = new ArrayDeque<>();
    private Exception failureAtEnd;
    private RuntimeException failureOnClose;
    private int nextCalls;
    private int closeCalls;

    static TrackedBody of(String... chunks) {
        TrackedBody body = new TrackedBody();
        for (String chunk : chunks) body.chunks.add(chunk.getBytes(StandardCharsets.ISO_8859_1));
        return body;
    }

    /** After the chunks, next() throws {@code failure} (an IOException or unchecked) instead of ending. */
    TrackedBody thenFail(Exception failure) {
        if (!(failure instanceof IOException || failure instanceof RuntimeException)) {
            throw new IllegalArgumentException("next() can only throw IOException or unchecked exceptions");
        }
        failureAtEnd = failure;
        return this;
    }

    TrackedBody failOnClose(RuntimeException failure) {
        failureOnClose = failure;
        return this;
    }

    int nextCalls() {
        return nextCalls;
    }

    int closeCalls() {
        return closeCalls;
    }

    @Override
    public byte[] next() throws IOException {
        nextCalls++;
        if (!chunks.isEmpty()) return chunks.poll();
        if (failureAtEnd instanceof IOException io) throw io;
        if (failureAtEnd instanceof RuntimeException unchecked) throw unchecked;
        return null;
    }

    @Override
    public void close() {
        closeCalls++;
        if (failureOnClose != null) throw failureOnClose;
    }
}
