package dev.gatehouse.core;

import java.io.IOException;

/**
 * A request broke its protocol (or a limit): carries the status to answer. Codecs throw it;
 * {@link GatewayHandler} answers it with that status instead of 500 when it surfaces through an
 * application (e.g. a body read that hit the size limit), and adapters close the connection.
 */
public class ProtocolException extends IOException {
    private final int status;

    public ProtocolException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The status to answer: 400, 408, 413, 414, 431, 501, 505... */
    public int status() {
        return status;
    }

    /** The first ProtocolException in {@code t}'s cause chain, or null. */
    public static ProtocolException find(Throwable t) {
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof ProtocolException p) return p;
        }
        return null;
    }
}
