package dev.gatehouse.core.stream;

import dev.gatehouse.core.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketAddress;

/**
 * A stream protocol's part of a connection (SCGI's netstring, uwsgi's packet): reads one request
 * head from the connection, no byte of the body, and turns it into a {@link StreamRequest}.
 */
@FunctionalInterface
public interface StreamRequestReader {
    /**
     * @param in the connection, positioned at the first byte of the request
     * @param local the address the connection arrived on (for SERVER_NAME/SERVER_PORT defaults)
     * @param remote the web server's address
     * @return the request, or null if the connection closed before its first byte
     * @throws ProtocolException for a malformed or oversized head; its status is answered if possible
     */
    StreamRequest read(InputStream in, SocketAddress local, SocketAddress remote) throws IOException;
}
