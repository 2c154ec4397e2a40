package dev.gatehouse.fastcgi.codec;

import dev.gatehouse.core.ProtocolException;

/** A peer broke the FastCGI protocol or a limit; the connection is closed with a log line naming the problem. */
public class FcgiException extends ProtocolException {
    public FcgiException(String message) {
        super(400, message);
    }

    public FcgiException(int status, String message) {
        super(status, message);
    }
}
