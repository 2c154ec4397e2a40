package dev.gatehouse.http1.codec;

import dev.gatehouse.core.ProtocolException;

/** A request that breaks RFC 9112 or a configured limit; carries the status to answer. */
public class Http1Exception extends ProtocolException {
    public Http1Exception(int status, String message) {
        super(status, message);
    }

    public static Http1Exception badRequest(String message) {
        return new Http1Exception(400, message);
    }
}
