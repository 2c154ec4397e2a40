package dev.gatehouse.middleware;

import java.io.IOException;

/**
 * A request ran past its {@link RequestTimeout}. It is the {@code excInfo} of the 504 that
 * replaces the app's response, and what the server gets when the response had already started
 * (it then aborts the connection). The log line written at the timeout carries one whose stack
 * trace is the app thread's at that moment.
 */
public final class RequestTimeoutException extends IOException {
    public RequestTimeoutException(String message) {
        super(message);
    }

    public RequestTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
