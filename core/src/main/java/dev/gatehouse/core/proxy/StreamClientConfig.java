package dev.gatehouse.core.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * Every limit of an outbound stream-protocol gateway (the {@code scgi://} and {@code uwsgi://}
 * mounts), each named once with its default. Timeouts follow nginx's scgi_* and uwsgi_* defaults
 * (LIMITS.md). One request per connection, so there is no pool to size beyond the cap.
 *
 * @param maxConnections connections to the backend in flight at once; more requests wait
 * @param queueTimeout how long a request waits for a free connection when all are busy (503)
 * @param connectTimeout connecting to the backend (504; refused or unreachable is 502)
 * @param sendTimeout longest wait for the backend to accept request bytes (504)
 * @param readTimeout longest wait between two reads from the backend (504 before the head, abort after)
 * @param maxHeadBytes the CGI response head (502 past it)
 * @param maxHeadFields fields in the CGI response head (502 past it)
 * @param maxUnsizedBodyBytes a request body without Content-Length (chunked) is read into memory
 *     to give the backend its CONTENT_LENGTH, as nginx does; larger bodies are answered 413
 * @param maxLocalRedirects CGI local redirects followed for one client request (502 past it)
 */
public record StreamClientConfig(
        int maxConnections,
        Duration queueTimeout,
        Duration connectTimeout,
        Duration sendTimeout,
        Duration readTimeout,
        int maxHeadBytes,
        int maxHeadFields,
        long maxUnsizedBodyBytes,
        int maxLocalRedirects) {

    public static final StreamClientConfig DEFAULTS = new StreamClientConfig(
            100,
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            64 * 1024,
            100,
            1024L * 1024,
            10);

    public StreamClientConfig {
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be at least 1");
        positive(queueTimeout, "queueTimeout");
        positive(connectTimeout, "connectTimeout");
        positive(sendTimeout, "sendTimeout");
        positive(readTimeout, "readTimeout");
        if (maxHeadBytes < 1) throw new IllegalArgumentException("maxHeadBytes must be at least 1");
        if (maxHeadFields < 1) throw new IllegalArgumentException("maxHeadFields must be at least 1");
        if (maxUnsizedBodyBytes < 0) throw new IllegalArgumentException("maxUnsizedBodyBytes must not be negative");
        if (maxLocalRedirects < 0) throw new IllegalArgumentException("maxLocalRedirects must not be negative");
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive");
    }

    /** 100 connections, 30 s queue, 60 s connect/send/read, 64 KiB and 100 fields of head, 1 MiB unsized body, 10 redirects. */
    public static StreamClientConfig defaults() {
        return DEFAULTS;
    }

    public StreamClientConfig withMaxConnections(int v) {
        return new StreamClientConfig(v, queueTimeout, connectTimeout, sendTimeout, readTimeout, maxHeadBytes, maxHeadFields, maxUnsizedBodyBytes, maxLocalRedirects);
    }

    public StreamClientConfig withQueueTimeout(Duration v) {
        return new StreamClientConfig(maxConnections, v, connectTimeout, sendTimeout, readTimeout, maxHeadBytes, maxHeadFields, maxUnsizedBodyBytes, maxLocalRedirects);
    }

    public StreamClientConfig withConnectTimeout(Duration v) {
        return new StreamClientConfig(maxConnections, queueTimeout, v, sendTimeout, readTimeout, maxHeadBytes, maxHeadFields, maxUnsizedBodyBytes, maxLocalRedirects);
    }

    public StreamClientConfig withSendTimeout(Duration v) {
        return new StreamClientConfig(maxConnections, queueTimeout, connectTimeout, v, readTimeout, maxHeadBytes, maxHeadFields, maxUnsizedBodyBytes, maxLocalRedirects);
    }

    public StreamClientConfig withReadTimeout(Duration v) {
        return new StreamClientConfig(maxConnections, queueTimeout, connectTimeout, sendTimeout, v, maxHeadBytes, maxHeadFields, maxUnsizedBodyBytes, maxLocalRedirects);
    }

    public StreamClientConfig withMaxHeadBytes(int v) {
        return new StreamClientConfig(maxConnections, queueTimeout, connectTimeout, sendTimeout, readTimeout, v, maxHeadFields, maxUnsizedBodyBytes, maxLocalRedirects);
    }

    public StreamClientConfig withMaxHeadFields(int v) {
        return new StreamClientConfig(maxConnections, queueTimeout, connectTimeout, sendTimeout, readTimeout, maxHeadBytes, v, maxUnsizedBodyBytes, maxLocalRedirects);
    }

    public StreamClientConfig withMaxUnsizedBodyBytes(long v) {
        return new StreamClientConfig(maxConnections, queueTimeout, connectTimeout, sendTimeout, readTimeout, maxHeadBytes, maxHeadFields, v, maxLocalRedirects);
    }

    public StreamClientConfig withMaxLocalRedirects(int v) {
        return new StreamClientConfig(maxConnections, queueTimeout, connectTimeout, sendTimeout, readTimeout, maxHeadBytes, maxHeadFields, maxUnsizedBodyBytes, v);
    }
}
