package dev.gatehouse.fastcgi.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * Every limit of the FastCGI server, each named once with its default (see LIMITS.md).
 *
 * @param maxConnections open connections at once; past it a new connection is closed at once
 * @param maxRequestsPerConnection requests in flight on one connection; past it a new one gets END_REQUEST/OVERLOADED
 * @param maxRequests requests in flight in the whole server (FCGI_MAX_REQS); past it END_REQUEST/OVERLOADED
 * @param maxParamsBytes all PARAMS bytes of one request; more closes the connection
 * @param maxParamsPairs name-value pairs of one request; more closes the connection
 * @param stdinMemoryBytes request body (STDIN) bytes the app has not read yet that are held in memory;
 *     past it the rest goes to a temporary file, so a slow app never stalls the connection
 * @param maxBodyBytes request body of one request; past it the app's read fails with 413 and the rest is dropped
 * @param maxStderrBytes what one request may write to {@code gateway.errors} (sent as STDERR); more is dropped
 * @param idleTimeout longest wait for the web server's next record while the connection is idle or a
 *     request's PARAMS or STDIN is still incomplete; then the connection is closed
 * @param writeTimeout longest wait for the web server to accept response bytes; then the connection is closed
 * @param allowedPeers TCP peers allowed to connect; empty means loopback only. Unix-socket peers are
 *     always allowed (the socket file's permissions guard them)
 * @param shutdownGrace on shutdown, how long in-flight requests may run before connections are cut
 */
public record FcgiConfig(
        int maxConnections,
        int maxRequestsPerConnection,
        int maxRequests,
        int maxParamsBytes,
        int maxParamsPairs,
        int stdinMemoryBytes,
        long maxBodyBytes,
        int maxStderrBytes,
        Duration idleTimeout,
        Duration writeTimeout,
        List<InetAddress> allowedPeers,
        Duration shutdownGrace) {

    public static final FcgiConfig DEFAULTS = new FcgiConfig(
            1024,
            100,
            10_000,
            1024 * 1024,
            1000,
            256 * 1024,
            1L << 30,
            64 * 1024,
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            List.of(),
            Duration.ofSeconds(30));

    public FcgiConfig {
        allowedPeers = List.copyOf(allowedPeers);
    }

    public static FcgiConfig defaults() {
        return DEFAULTS;
    }

    public FcgiConfig withMaxConnections(int v) {
        return new FcgiConfig(v, maxRequestsPerConnection, maxRequests, maxParamsBytes, maxParamsPairs, stdinMemoryBytes, maxBodyBytes, maxStderrBytes, idleTimeout, writeTimeout, allowedPeers, shutdownGrace);
    }

    public FcgiConfig withMaxRequests(int perConnection, int total) {
        return new FcgiConfig(maxConnections, perConnection, total, maxParamsBytes, maxParamsPairs, stdinMemoryBytes, maxBodyBytes, maxStderrBytes, idleTimeout, writeTimeout, allowedPeers, shutdownGrace);
    }

    public FcgiConfig withParamsLimits(int bytes, int pairs) {
        return new FcgiConfig(maxConnections, maxRequestsPerConnection, maxRequests, bytes, pairs, stdinMemoryBytes, maxBodyBytes, maxStderrBytes, idleTimeout, writeTimeout, allowedPeers, shutdownGrace);
    }

    public FcgiConfig withBodyLimits(int inMemory, long max) {
        return new FcgiConfig(maxConnections, maxRequestsPerConnection, maxRequests, maxParamsBytes, maxParamsPairs, inMemory, max, maxStderrBytes, idleTimeout, writeTimeout, allowedPeers, shutdownGrace);
    }

    public FcgiConfig withIdleTimeout(Duration v) {
        return new FcgiConfig(maxConnections, maxRequestsPerConnection, maxRequests, maxParamsBytes, maxParamsPairs, stdinMemoryBytes, maxBodyBytes, maxStderrBytes, v, writeTimeout, allowedPeers, shutdownGrace);
    }

    public FcgiConfig withWriteTimeout(Duration v) {
        return new FcgiConfig(maxConnections, maxRequestsPerConnection, maxRequests, maxParamsBytes, maxParamsPairs, stdinMemoryBytes, maxBodyBytes, maxStderrBytes, idleTimeout, v, allowedPeers, shutdownGrace);
    }

    public FcgiConfig withAllowedPeers(List<InetAddress> v) {
        return new FcgiConfig(maxConnections, maxRequestsPerConnection, maxRequests, maxParamsBytes, maxParamsPairs, stdinMemoryBytes, maxBodyBytes, maxStderrBytes, idleTimeout, writeTimeout, v, shutdownGrace);
    }

    public FcgiConfig withShutdownGrace(Duration v) {
        return new FcgiConfig(maxConnections, maxRequestsPerConnection, maxRequests, maxParamsBytes, maxParamsPairs, stdinMemoryBytes, maxBodyBytes, maxStderrBytes, idleTimeout, writeTimeout, allowedPeers, v);
    }
}
