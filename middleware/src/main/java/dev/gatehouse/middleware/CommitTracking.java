package dev.gatehouse.middleware;

import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import dev.gatehouse.api.Write;
import java.util.List;

/**
 * A {@code start_response} that remembers whether the response is committed: whether a body byte
 * went to the server, through {@code write} or (as the body wrapper reports with
 * {@link #committed(byte[])}) a chunk. Until then the server has sent nothing, and a middleware
 * may still replace the response through {@code excInfo}; after it, only an abort is left.
 */
class CommitTracking implements StartResponse {
    private final StartResponse server;
    private boolean committed;

    CommitTracking(StartResponse server) {
        this.server = server;
    }

    StartResponse server() {
        return server;
    }

    @Override
    public Write start(Status status, List<Header> headers, Throwable excInfo) {
        Write write = server.start(status, headers, excInfo);
        return (bytes, offset, length) -> {
            if (length > 0) committed = true;
            write.write(bytes, offset, length);
        };
    }

    boolean committed() {
        return committed;
    }

    /** Notes a body chunk on its way to the server; returns it. */
    byte[] committed(byte[] chunk) {
        if (chunk != null && chunk.length > 0) committed = true;
        return chunk;
    }

    /** The first exception of {@code type} in {@code t}'s cause chain, or null. */
    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }
}
