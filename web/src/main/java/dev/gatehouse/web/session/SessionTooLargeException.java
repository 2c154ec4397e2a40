package dev.gatehouse.web.session;

/** A session too large for where it is kept (a cookie over 4 KiB, or a store's size limit). */
public final class SessionTooLargeException extends IllegalStateException {
    public SessionTooLargeException(String message) {
        super(message);
    }
}
