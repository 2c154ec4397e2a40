package dev.gatehouse.cli.config;

import dev.gatehouse.core.stream.StreamServerConfig;
import dev.gatehouse.fastcgi.server.FcgiConfig;
import dev.gatehouse.http1.server.Http1Config;
import java.time.Duration;
import java.util.Set;

/**
 * The server limits a user may set, named as the options ({@code --max-connections}) and the
 * file's {@code [limits]} keys ({@code max-connections}) name them, each mapped to one field of
 * {@link Http1Config}, whose defaults are theirs; and the other servers' limits derived from them.
 */
public final class ServerLimits {
    public static final Http1Config DEFAULTS = Http1Config.defaults();
    public static final Set<String> NAMES = Set.of("max-connections", "max-body-size", "header-timeout", "body-timeout",
            "keep-alive-timeout", "write-timeout", "max-requests-per-connection", "shutdown-grace");
    /** The limits that must be greater than zero (a zero shutdown grace is a hard stop, allowed). */
    public static final Set<String> POSITIVE = Set.of("max-connections", "header-timeout", "body-timeout",
            "keep-alive-timeout", "write-timeout", "max-requests-per-connection");

    private ServerLimits() {
    }

    /** The configuration for these values; throws naming the first one out of range ("max-connections must be greater than zero"). */
    public static Http1Config of(long maxConnections, long maxBodyBytes, Duration headerTimeout, Duration bodyTimeout,
            Duration keepAliveTimeout, Duration writeTimeout, long maxRequestsPerConnection, Duration shutdownGrace) {
        requirePositive("max-connections", maxConnections);
        requirePositive("max-requests-per-connection", maxRequestsPerConnection);
        requirePositive("header-timeout", headerTimeout.toMillis());
        requirePositive("body-timeout", bodyTimeout.toMillis());
        requirePositive("keep-alive-timeout", keepAliveTimeout.toMillis());
        requirePositive("write-timeout", writeTimeout.toMillis());
        if (maxConnections > Integer.MAX_VALUE || maxRequestsPerConnection > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("max-connections and max-requests-per-connection must be below " + Integer.MAX_VALUE);
        }
        return DEFAULTS
                .withMaxConnections((int) maxConnections)
                .withMaxBodyBytes(maxBodyBytes)
                .withHeaderTimeout(headerTimeout)
                .withBodyIdleTimeout(bodyTimeout)
                .withKeepAliveTimeout(keepAliveTimeout)
                .withWriteTimeout(writeTimeout)
                .withMaxRequestsPerConnection((int) maxRequestsPerConnection)
                .withShutdownGrace(shutdownGrace);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be greater than zero");
    }

    /** The FastCGI server's limits: the ones that apply to it too, FastCGI's own defaults for the rest. */
    public static FcgiConfig fastcgi(Http1Config http) {
        FcgiConfig defaults = FcgiConfig.defaults();
        return defaults
                .withBodyLimits(defaults.stdinMemoryBytes(), http.maxBodyBytes())
                .withWriteTimeout(http.writeTimeout())
                .withShutdownGrace(http.shutdownGrace());
    }

    /** The SCGI and uwsgi servers' limits: the ones that apply to them, their own defaults for the rest. */
    public static StreamServerConfig stream(Http1Config http) {
        return StreamServerConfig.defaults()
                .withMaxConnections(http.maxConnections())
                .withMaxBodyBytes(http.maxBodyBytes())
                .withTimeouts(http.headerTimeout(), http.bodyIdleTimeout(), http.writeTimeout())
                .withShutdownGrace(http.shutdownGrace());
    }
}
