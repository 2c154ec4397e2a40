package dev.gatehouse.web;

import dev.gatehouse.api.Header;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP error or redirect thrown by a handler: the app answers it with its error page for
 * {@link #status()} (customizable with {@link WebApp#errorPage}). The message is shown to the
 * client, so it must not carry secrets; it is HTML-escaped by the default page.
 */
public class HttpError extends RuntimeException {
    private final int status;
    private final List<Header> headers = new ArrayList<>();

    public HttpError(int status, String message) {
        this(status, message, null);
    }

    public HttpError(int status, String message, Throwable cause) {
        super(message == null ? dev.gatehouse.api.Status.reasonFor(status) : message, cause, false, false);
        if (status < 300 || status > 599) throw new IllegalArgumentException("an HTTP error status is 3xx to 5xx: " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** Extra response headers (Location, Allow, WWW-Authenticate...). */
    public List<Header> headers() {
        return List.copyOf(headers);
    }

    /** Adds a response header (checked as {@link Response#header} checks it); returns this error, for chaining in a {@code throw}. */
    public HttpError withHeader(String name, String value) {
        headers.add(HeaderCheck.of(name, value));
        return this;
    }
}
