package dev.gatehouse.fastcgi.client;

import java.io.IOException;

/**
 * The backend could not answer: down or refusing (502), too slow (504), every connection busy
 * (503), or it broke the protocol (502). Carries the status the proxy answers with.
 */
public class FcgiBackendException extends IOException {
    private final int status;

    public FcgiBackendException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public FcgiBackendException(int status, String message) {
        this(status, message, null);
    }

    public int status() {
        return status;
    }
}
