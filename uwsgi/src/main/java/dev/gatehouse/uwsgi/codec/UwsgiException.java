package dev.gatehouse.uwsgi.codec;

import dev.gatehouse.core.ProtocolException;

/**
 * A web server broke the uwsgi protocol or one of its limits: carries the status to answer (400 for
 * a malformed packet, 431 for a vars block over its limits, 501 for a packet type Gatehouse does not
 * serve); the connection is answered with it, logged, and closed.
 */
public class UwsgiException extends ProtocolException {
    public UwsgiException(String message) {
        super(400, message);
    }

    public UwsgiException(int status, String message) {
        super(status, message);
    }
}
