package dev.gatehouse.fastcgi.client;

import dev.gatehouse.api.Environ;
import dev.gatehouse.core.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The request body as the backend gets it: with a CONTENT_LENGTH it streams from the client as
 * it arrives; without one (a chunked upload), CGI backends such as PHP need the length up front,
 * so it is read into memory first, up to a limit (413 past it), as nginx buffers it.
 *
 * @param length the CONTENT_LENGTH to send, or -1 to send none (no body)
 */
record RequestBody(InputStream stream, long length) {
    static RequestBody of(Environ environ, long maxUnsizedBytes) throws IOException {
        long declared = environ.contentLength();
        if (declared >= 0) return new RequestBody(environ.input(), declared);
        if (!environ.getBoolean(dev.gatehouse.api.EnvironKeys.INPUT_TERMINATED)) return new RequestBody(InputStream.nullInputStream(), -1);
        byte[] whole = environ.input().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxUnsizedBytes + 1));
        if (whole.length > maxUnsizedBytes) {
            throw new ProtocolException(413, "a request body without Content-Length is larger than " + maxUnsizedBytes
                    + " bytes, the most a FastCGI backend is sent after buffering");
        }
        return whole.length == 0 ? new RequestBody(InputStream.nullInputStream(), -1) : new RequestBody(new ByteArrayInputStream(whole), whole.length);
    }
}
