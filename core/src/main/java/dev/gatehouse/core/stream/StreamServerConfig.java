package dev.gatehouse.core.stream;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * The limits of a stream-protocol server (SCGI, uwsgi): one request per connection, the response
 * delimited by closing it.
 *
 * @param maxConnections connections served at once; more are closed at accept
 * @param maxHeadBytes the largest request head (netstring, vars block) accepted
 * @param headTimeout the whole head must arrive within this, from the connection's start
 * @param maxBodyBytes the largest CONTENT_LENGTH accepted; a larger one is answered 413 before the app runs
 * @param bodyIdleTimeout the longest wait for the next bytes of the body
 * @param writeTimeout the longest a response write may block (the web server not reading)
 * @param lingerTimeout after the response, how long unread body bytes are drained before closing
 *     (closing with them unread makes the kernel reset the connection and the web server may lose
 *     the response)
 * @param maxLingerBytes the most unread request body taken off the connection: kept for the app
 *     when its response starts before it read the body (a temporary file past 64 KiB), or drained
 *     and dropped after the response. Past it the body stays unread (the app may then time out
 *     reading it, the connection is closed as it is)
 * @param shutdownGrace how long requests in flight may run after a shutdown began
 * @param allowedPeers TCP peers allowed to connect; empty means loopback only. Unix-socket peers
 *     always may (the socket file's permissions guard it). These protocols carry no
 *     authentication: whoever connects can claim any REMOTE_ADDR or HTTPS
 */
public record StreamServerConfig(int maxConnections, int maxHeadBytes, Duration headTimeout, long maxBodyBytes, Duration bodyIdleTimeout,
                                 Duration writeTimeout, Duration lingerTimeout, long maxLingerBytes, Duration shutdownGrace,
                                 List<InetAddress> allowedPeers) {
    public StreamServerConfig {
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be at least 1");
        if (maxHeadBytes < 64) throw new IllegalArgumentException("maxHeadBytes must be at least 64");
        if (maxBodyBytes < 0) throw new IllegalArgumentException("maxBodyBytes must not be negative");
        if (maxLingerBytes < 0) throw new IllegalArgumentException("maxLingerBytes must not be negative");
        allowedPeers = List.copyOf(allowedPeers);
    }

    /** 10,000 connections, 64 KiB heads, 1 GiB bodies, 60 s timeouts, 2 s / 8 MiB linger, 30 s shutdown grace, loopback peers only. */
    public static StreamServerConfig defaults() {
        return new StreamServerConfig(10_000, 64 * 1024, Duration.ofSeconds(60), 1024L * 1024 * 1024, Duration.ofSeconds(60),
                Duration.ofSeconds(60), Duration.ofSeconds(2), 8L * 1024 * 1024, Duration.ofSeconds(30), List.of());
    }

    public StreamServerConfig withMaxConnections(int n) {
        return new StreamServerConfig(n, maxHeadBytes, headTimeout, maxBodyBytes, bodyIdleTimeout, writeTimeout, lingerTimeout, maxLingerBytes, shutdownGrace, allowedPeers);
    }

    public StreamServerConfig withMaxHeadBytes(int n) {
        return new StreamServerConfig(maxConnections, n, headTimeout, maxBodyBytes, bodyIdleTimeout, writeTimeout, lingerTimeout, maxLingerBytes, shutdownGrace, allowedPeers);
    }

    public StreamServerConfig withTimeouts(Duration head, Duration bodyIdle, Duration write) {
        return new StreamServerConfig(maxConnections, maxHeadBytes, head, maxBodyBytes, bodyIdle, write, lingerTimeout, maxLingerBytes, shutdownGrace, allowedPeers);
    }

    public StreamServerConfig withMaxBodyBytes(long n) {
        return new StreamServerConfig(maxConnections, maxHeadBytes, headTimeout, n, bodyIdleTimeout, writeTimeout, lingerTimeout, maxLingerBytes, shutdownGrace, allowedPeers);
    }

    public StreamServerConfig withShutdownGrace(Duration grace) {
        return new StreamServerConfig(maxConnections, maxHeadBytes, headTimeout, maxBodyBytes, bodyIdleTimeout, writeTimeout, lingerTimeout, maxLingerBytes, grace, allowedPeers);
    }

    public StreamServerConfig withAllowedPeers(List<InetAddress> peers) {
        return new StreamServerConfig(maxConnections, maxHeadBytes, headTimeout, maxBodyBytes, bodyIdleTimeout, writeTimeout, lingerTimeout,
                maxLingerBytes, shutdownGrace, peers);
    }
}
