package dev.gatehouse.testkit;

/** How the end of a response body was (or was not) marked on the wire. */
public enum BodyFraming {
    /** The response has no body by definition (HEAD, 1xx, 204, 304). */
    NONE,
    /** A {@code Content-Length} gave the length up front. */
    CONTENT_LENGTH,
    /** HTTP/1.1 chunked transfer coding. */
    CHUNKED,
    /** The body ended when the server closed the connection (HTTP/1.0 style). */
    CONNECTION_CLOSE,
    /** The transport frames the body itself (FastCGI records, uwsgi and SCGI streams, a CGI pipe). */
    TRANSPORT
}
