package dev.gatehouse.http1.codec;

import dev.gatehouse.api.Status;
import dev.gatehouse.http1.codec.Http1ResponseEncoder.Framing;

/**
 * A decoded final response head (interim 1xx responses already skipped), with its body framing
 * resolved for the request it answers (RFC 9112 section 6.3).
 *
 * @param minorVersion 0 or 1, from the status line
 * @param status the status code (100..599) and the reason phrase as sent (possibly empty)
 * @param headers the header fields, in order
 * @param framing how the body is delimited: NONE (HEAD, 1xx, 204, 304), CONTENT_LENGTH, CHUNKED,
 *     or CLOSE (read until the server closes)
 * @param contentLength the declared Content-Length, or -1 when none was declared (a HEAD or 304
 *     response keeps the length it announced even though no body follows)
 * @param keepAlive the connection may carry another request after this response's body
 * @param interimResponses how many 1xx responses came before this one
 */
public record Http1Response(
        int minorVersion,
        Status status,
        Http1Headers headers,
        Framing framing,
        long contentLength,
        boolean keepAlive,
        int interimResponses) {
}
