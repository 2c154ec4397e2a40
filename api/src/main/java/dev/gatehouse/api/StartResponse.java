package dev.gatehouse.api;

import java.util.List;

/**
 * Begins the response. Call it once with the status and headers; call it again only with
 * {@code excInfo}, to replace a response whose head has not been sent yet. If the head was
 * already sent, the server re-throws {@code excInfo} and the connection is aborted.
 */
@FunctionalInterface
public interface StartResponse {
    Write start(Status status, List<Header> headers, Throwable excInfo);

    default Write start(Status status, List<Header> headers) {
        return start(status, headers, null);
    }

    default Write start(int status, Header... headers) {
        return start(Status.of(status), List.of(headers), null);
    }
}
