package dev.gatehouse.scgi.codec;

import dev.gatehouse.core.ProtocolException;

/**
 * A peer broke the SCGI protocol or a limit: carries the status to answer (400, or 413/431 for a
 * size limit); the connection is closed with a log line naming the problem.
 */
public class ScgiException extends ProtocolException {
    public ScgiException(String message) {
        super(400, message);
    }

    public ScgiException(int status, String message) {
        super(status, message);
    }
}
