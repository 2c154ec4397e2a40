package dev.gatehouse.http1.codec;

/**
 * A decoded request head, with its message framing already resolved.
 *
 * @param method the method token (common ones are shared constants)
 * @param target the request-target exactly as received
 * @param minorVersion 0 for HTTP/1.0, 1 for HTTP/1.1
 * @param path the path part of the target, still percent-encoded ("" for asterisk-form)
 * @param query the query without '?', or "" when there is none
 * @param host the Host to use: from an absolute-form target, else the Host header; null if none
 * @param headers the header fields, in order
 * @param contentLength the body length, 0 when there is no body, -1 for a chunked body
 * @param keepAlive whether the client allows the connection to be reused after this request
 * @param expectContinue the client waits for {@code 100 Continue} before sending the body
 */
public record Http1Request(
        String method,
        String target,
        int minorVersion,
        String path,
        String query,
        String host,
        Http1Headers headers,
        long contentLength,
        boolean keepAlive,
        boolean expectContinue) {

    public boolean chunked() {
        return contentLength == -1;
    }

    public String protocol() {
        return minorVersion == 1 ? "HTTP/1.1" : "HTTP/1.0";
    }
}
