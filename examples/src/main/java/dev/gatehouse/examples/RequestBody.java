package dev.gatehouse.examples;

import dev.gatehouse.api.Environ;
import java.io.IOException;

/** Reads a whole request body into memory, refusing bodies past a limit. */
final class RequestBody {
    private RequestBody() {
    }

    /**
     * The body from {@code gateway.input}, or null if it is longer than {@code limit} bytes (then
     * the rest is left unread). A declared length over the limit is refused before reading.
     */
    static byte[] readAtMost(Environ environ, int limit) throws IOException {
        if (environ.contentLength() > limit) return null;
        byte[] body = environ.input().readNBytes(limit + 1); // grows with what arrives, not with the limit
        return body.length > limit ? null : body;
    }
}
