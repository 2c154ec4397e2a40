package dev.gatehouse.fastcgi.client;

import java.time.Duration;

/**
 * Every limit of the FastCGI client (the {@code fastcgi://} mount), each named once with its
 * default. Timeouts follow nginx's fastcgi_* defaults (LIMITS.md).
 *
 * @param maxConnections connections to one backend at once, busy or kept alive. Keep it at or
 *     under what the backend serves at once (PHP-FPM's pm.max_children): an idle kept connection
 *     holds a PHP-FPM child, so a larger pool can starve the backend
 * @param poolWaitTimeout how long a request waits for a free connection when all are busy (503)
 * @param connectTimeout connecting to the backend (504; refused or unreachable is 502)
 * @param sendTimeout longest wait for the backend to accept request bytes (504)
 * @param readTimeout longest wait between two reads from the backend (504 before the head, abort after)
 * @param keepAliveIdle an idle kept connection older than this is closed instead of reused
 * @param maxHeadBytes the CGI response head (502 past it)
 * @param maxHeadFields fields in the CGI response head (502 past it)
 * @param maxStderrBytes STDERR logged per request; the rest is counted and dropped
 * @param maxUnsizedBodyBytes a request body without Content-Length (chunked) is read into memory
 *     to give the backend its CONTENT_LENGTH, as nginx does; larger bodies are answered 413
 * @param maxLocalRedirects CGI local redirects followed for one client request (502 past it)
 * @param abortDrainTimeout after FCGI_ABORT_REQUEST, how long to wait for END_REQUEST before the
 *     connection is closed rather than reused
 */
public record FcgiClientConfig(
        int maxConnections,
        Duration poolWaitTimeout,
        Duration connectTimeout,
        Duration sendTimeout,
        Duration readTimeout,
        Duration keepAliveIdle,
        int maxHeadBytes,
        int maxHeadFields,
        int maxStderrBytes,
        long maxUnsizedBodyBytes,
        int maxLocalRedirects,
        Duration abortDrainTimeout) {

    public static final FcgiClientConfig DEFAULTS = new FcgiClientConfig(
            5, // PHP-FPM's default pm.max_children
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            Duration.ofSeconds(15),
            64 * 1024,
            100,
            64 * 1024,
            1024L * 1024,
            10,
            Duration.ofSeconds(60));

    public FcgiClientConfig {
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be at least 1");
    }

    public static FcgiClientConfig defaults() {
        return DEFAULTS;
    }

    public FcgiClientConfig withMaxConnections(int v) {
        return new FcgiClientConfig(v, poolWaitTimeout, connectTimeout, sendTimeout, readTimeout, keepAliveIdle, maxHeadBytes, maxHeadFields, maxStderrBytes, maxUnsizedBodyBytes, maxLocalRedirects, abortDrainTimeout);
    }

    public FcgiClientConfig withPoolWaitTimeout(Duration v) {
        return new FcgiClientConfig(maxConnections, v, connectTimeout, sendTimeout, readTimeout, keepAliveIdle, maxHeadBytes, maxHeadFields, maxStderrBytes, maxUnsizedBodyBytes, maxLocalRedirects, abortDrainTimeout);
    }

    public FcgiClientConfig withConnectTimeout(Duration v) {
        return new FcgiClientConfig(maxConnections, poolWaitTimeout, v, sendTimeout, readTimeout, keepAliveIdle, maxHeadBytes, maxHeadFields, maxStderrBytes, maxUnsizedBodyBytes, maxLocalRedirects, abortDrainTimeout);
    }

    public FcgiClientConfig withReadTimeout(Duration v) {
        return new FcgiClientConfig(maxConnections, poolWaitTimeout, connectTimeout, sendTimeout, v, keepAliveIdle, maxHeadBytes, maxHeadFields, maxStderrBytes, maxUnsizedBodyBytes, maxLocalRedirects, abortDrainTimeout);
    }

    public FcgiClientConfig withMaxHeadBytes(int v) {
        return new FcgiClientConfig(maxConnections, poolWaitTimeout, connectTimeout, sendTimeout, readTimeout, keepAliveIdle, v, maxHeadFields, maxStderrBytes, maxUnsizedBodyBytes, maxLocalRedirects, abortDrainTimeout);
    }

    public FcgiClientConfig withMaxUnsizedBodyBytes(long v) {
        return new FcgiClientConfig(maxConnections, poolWaitTimeout, connectTimeout, sendTimeout, readTimeout, keepAliveIdle, maxHeadBytes, maxHeadFields, maxStderrBytes, v, maxLocalRedirects, abortDrainTimeout);
    }

    public FcgiClientConfig withAbortDrainTimeout(Duration v) {
        return new FcgiClientConfig(maxConnections, poolWaitTimeout, connectTimeout, sendTimeout, readTimeout, keepAliveIdle, maxHeadBytes, maxHeadFields, maxStderrBytes, maxUnsizedBodyBytes, maxLocalRedirects, v);
    }
}
