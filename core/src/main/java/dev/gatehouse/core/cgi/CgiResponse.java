package dev.gatehouse.core.cgi;

import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import java.util.List;

/**
 * A CGI response head (RFC 3875 section 6), classified the way a server must act on it.
 *
 * @param kind what the server does with it
 * @param status the status to answer; for a local redirect, the status the script gave (if any)
 * @param headers the fields to send to the client: without {@code Status} and without hop-by-hop
 *     fields; empty for a local redirect, whose other fields the server discards
 * @param location the {@code Location} value, or null
 */
public record CgiResponse(Kind kind, Status status, List<Header> headers, String location) {
    public enum Kind {
        /** A document (6.2.1), or a client redirect with a document (6.2.4): answered as given. */
        DOCUMENT,
        /** {@code Location: /path?query} and no other status (6.2.2): the server fetches it itself. */
        LOCAL_REDIRECT,
        /** {@code Location: scheme:...} without a Status (6.2.3): answered 302 Found. */
        CLIENT_REDIRECT
    }

    public CgiResponse {
        headers = List.copyOf(headers);
    }
}
