package dev.gatehouse.middleware;

import java.io.IOException;

/**
 * Thrown by {@code gateway.input} under a {@link RequestSizeLimit} when a body without
 * Content-Length (a chunked upload) grows past the limit. {@link RequestSizeLimit} answers it with
 * 413 if it reaches it, through the app's call or body, before the response went out.
 */
public final class RequestBodyTooLargeException extends IOException {
    private final long limit;

    public RequestBodyTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** The status to answer: 413 Content Too Large. */
    public int status() {
        return 413;
    }
}
