package dev.gatehouse.http1.client;

import java.io.IOException;

/**
 * The backend could not answer: down or refusing (502), too slow (504), every connection busy
 * (503), or it broke the protocol (502). Carries the status the proxy answers with.
 */
final class HttpBackendException extends IOException {
    private final int status;

    HttpBackendException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    HttpBackendException(int status, String message) {
        this(status, message, null);
    }

    int status() {
        return status;
    }
}
