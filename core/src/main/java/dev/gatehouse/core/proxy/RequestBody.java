package dev.gatehouse.core.proxy;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.core.ClientGoneException;
import dev.gatehouse.core.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The request body as a backend gets it: with a CONTENT_LENGTH it streams from the client as
 * it arrives; without one (a chunked upload), CGI-style backends (PHP, SCGI servers) need the
 * length up front, so it is read into memory first, up to a limit (413 past it), as nginx
 * buffers it.
 *
 * @param stream the body's bytes, exactly {@code length} of them
 * @param length the CONTENT_LENGTH to send, or -1 to send none (no body)
 */
public record RequestBody(InputStream stream, long length) {
    private static final byte[] NONE = new byte[0];

    /**
     * The body of {@code environ}'s request.
     *
     * @param protocol the backend's protocol, for the 413 message ("FastCGI", "SCGI", ...)
     * @throws ProtocolException 413 if an unsized body is larger than {@code maxUnsizedBytes}
     */
    public static RequestBody of(Environ environ, long maxUnsizedBytes, String protocol) throws IOException {
        long declared = environ.contentLength();
        if (declared >= 0) return new RequestBody(environ.input(), declared);
        if (!environ.getBoolean(EnvironKeys.INPUT_TERMINATED)) return new RequestBody(InputStream.nullInputStream(), -1);
        byte[] whole = environ.input().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxUnsizedBytes + 1));
        if (whole.length > maxUnsizedBytes) {
            throw new ProtocolException(413, "a request body without Content-Length is larger than " + maxUnsizedBytes
                    + " bytes, the most a " + protocol + " backend is sent after buffering");
        }
        return whole.length == 0 ? new RequestBody(InputStream.nullInputStream(), -1) : new RequestBody(new ByteArrayInputStream(whole), whole.length);
    }

    /**
     * Reads the whole body, which the caller knows to be small, before a backend (a connection, a
     * script slot) is taken, so a slow client does not hold one.
     *
     * @throws ClientGoneException if the client's body ended short
     */
    public byte[] readSmall() throws IOException {
        if (length <= 0) return NONE;
        if (length > Integer.MAX_VALUE - 8) throw new IllegalStateException("a body of " + length + " bytes is not small");
        byte[] bytes = stream.readNBytes((int) length);
        if (bytes.length < length) throw new ClientGoneException("the request body ended after " + bytes.length + " of " + length + " bytes");
        return bytes;
    }
}
