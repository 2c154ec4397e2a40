package dev.gatehouse.http1.server;

import java.time.Duration;

/**
 * Every limit of the HTTP/1.1 server, each named once with its default (see LIMITS.md).
 *
 * @param maxConnections open connections at once; past it a new connection gets 503 and is closed
 * @param maxRequestLineBytes request line, CRLF excluded (414 past it)
 * @param maxHeaderFieldBytes one header field line (431)
 * @param maxHeaderBytes all header field lines of one request (431)
 * @param maxHeaderCount header fields per request (431)
 * @param maxBodyBytes request body (413); chunked bodies are counted as they arrive
 * @param maxChunkExtensionBytes chunk extensions of one request, all chunks together (400)
 * @param maxTrailerBytes trailer section of a chunked request (400)
 * @param headerTimeout the whole request head must arrive within this (408 and close)
 * @param bodyIdleTimeout longest wait for the next body bytes (408 and close)
 * @param minBodyRate bytes/s a body upload must keep up after its first {@code bodyIdleTimeout}/6
 * @param keepAliveTimeout how long an idle persistent connection waits for its next request
 * @param maxRequestsPerConnection requests served on one connection before it is closed
 * @param writeTimeout longest wait for the client to accept response bytes (the connection is aborted)
 * @param maxDrainBytes unread request body discarded to keep a connection alive; more closes it
 * @param shutdownGrace on shutdown, how long in-flight requests may run before connections are cut
 */
public record Http1Config(
        int maxConnections,
        int maxRequestLineBytes,
        int maxHeaderFieldBytes,
        int maxHeaderBytes,
        int maxHeaderCount,
        long maxBodyBytes,
        int maxChunkExtensionBytes,
        int maxTrailerBytes,
        Duration headerTimeout,
        Duration bodyIdleTimeout,
        int minBodyRate,
        Duration keepAliveTimeout,
        int maxRequestsPerConnection,
        Duration writeTimeout,
        long maxDrainBytes,
        Duration shutdownGrace) {

    public static final Http1Config DEFAULTS = new Http1Config(
            10_000,
            8 * 1024,
            8 * 1024,
            64 * 1024,
            100,
            1L << 30,
            16 * 1024,
            8 * 1024,
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            500,
            Duration.ofSeconds(15),
            1000,
            Duration.ofSeconds(60),
            2L * 1024 * 1024,
            Duration.ofSeconds(30));

    public static Http1Config defaults() {
        return DEFAULTS;
    }

    public Http1Config withMaxConnections(int v) {
        return new Http1Config(v, maxRequestLineBytes, maxHeaderFieldBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, maxChunkExtensionBytes, maxTrailerBytes, headerTimeout, bodyIdleTimeout, minBodyRate, keepAliveTimeout, maxRequestsPerConnection, writeTimeout, maxDrainBytes, shutdownGrace);
    }

    public Http1Config withMaxBodyBytes(long v) {
        return new Http1Config(maxConnections, maxRequestLineBytes, maxHeaderFieldBytes, maxHeaderBytes, maxHeaderCount, v, maxChunkExtensionBytes, maxTrailerBytes, headerTimeout, bodyIdleTimeout, minBodyRate, keepAliveTimeout, maxRequestsPerConnection, writeTimeout, maxDrainBytes, shutdownGrace);
    }

    public Http1Config withHeaderTimeout(Duration v) {
        return new Http1Config(maxConnections, maxRequestLineBytes, maxHeaderFieldBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, maxChunkExtensionBytes, maxTrailerBytes, v, bodyIdleTimeout, minBodyRate, keepAliveTimeout, maxRequestsPerConnection, writeTimeout, maxDrainBytes, shutdownGrace);
    }

    public Http1Config withBodyIdleTimeout(Duration v) {
        return new Http1Config(maxConnections, maxRequestLineBytes, maxHeaderFieldBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, maxChunkExtensionBytes, maxTrailerBytes, headerTimeout, v, minBodyRate, keepAliveTimeout, maxRequestsPerConnection, writeTimeout, maxDrainBytes, shutdownGrace);
    }

    public Http1Config withKeepAliveTimeout(Duration v) {
        return new Http1Config(maxConnections, maxRequestLineBytes, maxHeaderFieldBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, maxChunkExtensionBytes, maxTrailerBytes, headerTimeout, bodyIdleTimeout, minBodyRate, v, maxRequestsPerConnection, writeTimeout, maxDrainBytes, shutdownGrace);
    }

    public Http1Config withMaxRequestsPerConnection(int v) {
        return new Http1Config(maxConnections, maxRequestLineBytes, maxHeaderFieldBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, maxChunkExtensionBytes, maxTrailerBytes, headerTimeout, bodyIdleTimeout, minBodyRate, keepAliveTimeout, v, writeTimeout, maxDrainBytes, shutdownGrace);
    }

    public Http1Config withWriteTimeout(Duration v) {
        return new Http1Config(maxConnections, maxRequestLineBytes, maxHeaderFieldBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, maxChunkExtensionBytes, maxTrailerBytes, headerTimeout, bodyIdleTimeout, minBodyRate, keepAliveTimeout, maxRequestsPerConnection, v, maxDrainBytes, shutdownGrace);
    }

    public Http1Config withShutdownGrace(Duration v) {
        return new Http1Config(maxConnections, maxRequestLineBytes, maxHeaderFieldBytes, maxHeaderBytes, maxHeaderCount, maxBodyBytes, maxChunkExtensionBytes, maxTrailerBytes, headerTimeout, bodyIdleTimeout, minBodyRate, keepAliveTimeout, maxRequestsPerConnection, writeTimeout, maxDrainBytes, v);
    }

    public Http1Config withHeaderLimits(int requestLine, int field, int total, int count) {
        return new Http1Config(maxConnections, requestLine, field, total, count, maxBodyBytes, maxChunkExtensionBytes, maxTrailerBytes, headerTimeout, bodyIdleTimeout, minBodyRate, keepAliveTimeout, maxRequestsPerConnection, writeTimeout, maxDrainBytes, shutdownGrace);
    }
}
