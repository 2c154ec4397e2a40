package dev.gatehouse.middleware;

import dev.gatehouse.api.Body;
import java.io.IOException;

/** An app's body, counted chunk by chunk; closing it writes the access-log line. */
final class LoggingBody implements Body {
    private final Body inner;
    private final LoggedRequest request;

    LoggingBody(Body inner, LoggedRequest request) {
        this.inner = inner;
        this.request = request;
    }

    @Override
    public byte[] next() throws IOException {
        byte[] chunk;
        try {
            chunk = inner.next();
        } catch (IOException | RuntimeException | Error e) {
            request.failed();
            throw e;
        }
        if (chunk != null) request.count(chunk.length);
        return chunk;
    }

    @Override
    public void close() throws IOException {
        try {
            inner.close();
        } finally {
            request.finish();
        }
    }
}
