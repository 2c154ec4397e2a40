package dev.gatehouse.core.cgi;

import dev.gatehouse.core.ProtocolException;

/**
 * A script or backend answered with a malformed CGI response head (or one over a limit). The
 * gateway answers 502 Bad Gateway and logs the message, which names the problem.
 */
public class CgiResponseException extends ProtocolException {
    public CgiResponseException(String message) {
        super(502, message);
    }
}
