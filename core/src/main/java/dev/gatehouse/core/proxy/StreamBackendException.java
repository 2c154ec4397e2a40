package dev.gatehouse.core.proxy;

import java.io.IOException;

/**
 * A stream-protocol backend could not answer: down or refusing (502), too slow (504), every
 * connection busy (503), or it sent a malformed response (502). Carries the status the gateway
 * answers with.
 */
final class StreamBackendException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    StreamBackendException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    StreamBackendException(int status, String message) {
        this(status, message, null);
    }

    int status() {
        return status;
    }
}
