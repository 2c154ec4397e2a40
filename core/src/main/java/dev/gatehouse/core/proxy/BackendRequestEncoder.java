package dev.gatehouse.core.proxy;

import java.io.IOException;
import java.util.Map;

/**
 * Encodes a stream protocol's request head (the SCGI header netstring, the uwsgi packet header
 * and vars); the request body follows it raw on the socket. The one part of an outbound SCGI or
 * uwsgi gateway that differs between the two ({@link StreamProxyApp} does the rest).
 */
@FunctionalInterface
public interface BackendRequestEncoder {
    /**
     * The head bytes for a request.
     *
     * @param cgiVariables the request's CGI variables ({@link CgiVariables}), CONTENT_LENGTH among them
     * @param contentLength the body length that follows the head: at least 0 (0 when there is no body)
     * @throws dev.gatehouse.core.ProtocolException to answer the client with its status (say, 431
     *     for variables the protocol cannot carry); any other IOException is answered 500
     */
    byte[] encodeHead(Map<String, String> cgiVariables, long contentLength) throws IOException;
}
