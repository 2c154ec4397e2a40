package dev.gatehouse.http1.client;

import java.time.Duration;

/**
 * Every limit of the HTTP client (the {@code http://} mount), each named once with its default.
 * Timeouts follow nginx's proxy_* defaults (60 s); head limits are the HTTP server's own request
 * limits (LIMITS.md).
 *
 * @param maxConnections connections to one backend at once, busy or kept alive ({@code pool=N} in
 *     the target overrides it); requests past it wait for one
 * @param poolWaitTimeout how long a request waits for a free connection when all are busy (503)
 * @param connectTimeout connecting to the backend (504; refused or unreachable is 502)
 * @param sendTimeout longest wait for the backend to accept request bytes (504)
 * @param readTimeout longest wait between two reads from the backend: 504 before the response
 *     head is complete, the client connection cut after it
 * @param keepAliveIdle a kept connection idle longer than this is closed instead of reused; kept
 *     under the idle timeouts of common backends (Gatehouse 15 s, nginx 75 s) so that the
 *     backend rarely closes one just as it is reused
 * @param maxHeadFieldBytes the status line and each header field line of a response (502 past it)
 * @param maxHeadBytes all header field lines of one response head (502)
 * @param maxHeadFields header fields in one response head (502)
 * @param maxInterimResponses 1xx responses (100 Continue, 103 Early Hints) skipped before the
 *     final one (502 past it)
 * @param maxChunkExtensionBytes chunk extensions of one chunked response, all chunks together
 *     (checked and dropped; past it the client connection is cut)
 * @param maxTrailerBytes trailer section of a chunked response (checked and dropped)
 */
public record HttpClientConfig(
        int maxConnections,
        Duration poolWaitTimeout,
        Duration connectTimeout,
        Duration sendTimeout,
        Duration readTimeout,
        Duration keepAliveIdle,
        int maxHeadFieldBytes,
        int maxHeadBytes,
        int maxHeadFields,
        int maxInterimResponses,
        int maxChunkExtensionBytes,
        int maxTrailerBytes) {

    public static final HttpClientConfig DEFAULTS = new HttpClientConfig(
            64,
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            Duration.ofSeconds(10),
            8 * 1024,
            64 * 1024,
            100,
            8,
            16 * 1024,
            8 * 1024);

    public HttpClientConfig {
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be at least 1");
        if (maxHeadFieldBytes < 64) throw new IllegalArgumentException("maxHeadFieldBytes must be at least 64");
    }

    public static HttpClientConfig defaults() {
        return DEFAULTS;
    }

    public HttpClientConfig withMaxConnections(int v) {
        return new HttpClientConfig(v, poolWaitTimeout, connectTimeout, sendTimeout, readTimeout, keepAliveIdle, maxHeadFieldBytes, maxHeadBytes, maxHeadFields, maxInterimResponses, maxChunkExtensionBytes, maxTrailerBytes);
    }

    public HttpClientConfig withPoolWaitTimeout(Duration v) {
        return new HttpClientConfig(maxConnections, v, connectTimeout, sendTimeout, readTimeout, keepAliveIdle, maxHeadFieldBytes, maxHeadBytes, maxHeadFields, maxInterimResponses, maxChunkExtensionBytes, maxTrailerBytes);
    }

    public HttpClientConfig withConnectTimeout(Duration v) {
        return new HttpClientConfig(maxConnections, poolWaitTimeout, v, sendTimeout, readTimeout, keepAliveIdle, maxHeadFieldBytes, maxHeadBytes, maxHeadFields, maxInterimResponses, maxChunkExtensionBytes, maxTrailerBytes);
    }

    public HttpClientConfig withSendTimeout(Duration v) {
        return new HttpClientConfig(maxConnections, poolWaitTimeout, connectTimeout, v, readTimeout, keepAliveIdle, maxHeadFieldBytes, maxHeadBytes, maxHeadFields, maxInterimResponses, maxChunkExtensionBytes, maxTrailerBytes);
    }

    public HttpClientConfig withReadTimeout(Duration v) {
        return new HttpClientConfig(maxConnections, poolWaitTimeout, connectTimeout, sendTimeout, v, keepAliveIdle, maxHeadFieldBytes, maxHeadBytes, maxHeadFields, maxInterimResponses, maxChunkExtensionBytes, maxTrailerBytes);
    }

    public HttpClientConfig withKeepAliveIdle(Duration v) {
        return new HttpClientConfig(maxConnections, poolWaitTimeout, connectTimeout, sendTimeout, readTimeout, v, maxHeadFieldBytes, maxHeadBytes, maxHeadFields, maxInterimResponses, maxChunkExtensionBytes, maxTrailerBytes);
    }

    public HttpClientConfig withHeadLimits(int fieldBytes, int headBytes, int fields) {
        return new HttpClientConfig(maxConnections, poolWaitTimeout, connectTimeout, sendTimeout, readTimeout, keepAliveIdle, fieldBytes, headBytes, fields, maxInterimResponses, maxChunkExtensionBytes, maxTrailerBytes);
    }

    public HttpClientConfig withMaxInterimResponses(int v) {
        return new HttpClientConfig(maxConnections, poolWaitTimeout, connectTimeout, sendTimeout, readTimeout, keepAliveIdle, maxHeadFieldBytes, maxHeadBytes, maxHeadFields, v, maxChunkExtensionBytes, maxTrailerBytes);
    }

    public HttpClientConfig withChunkLimits(int extensionBytes, int trailerBytes) {
        return new HttpClientConfig(maxConnections, poolWaitTimeout, connectTimeout, sendTimeout, readTimeout, keepAliveIdle, maxHeadFieldBytes, maxHeadBytes, maxHeadFields, maxInterimResponses, extensionBytes, trailerBytes);
    }
}
