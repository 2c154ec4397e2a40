package dev.gatehouse.cli;

import dev.gatehouse.cli.config.ByteSize;
import dev.gatehouse.cli.config.ServerLimits;
import dev.gatehouse.cli.config.TimeSpan;
import dev.gatehouse.http1.server.Http1Config;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The server limits a user may change on the command line; each option maps to one field of
 * {@link Http1Config}, and its default is that record's.
 */
final class LimitOptions {
    private static final Http1Config DEFAULTS = ServerLimits.DEFAULTS;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--max-connections", paramLabel = "N", order = 20,
            description = "Connections open at once; a new one past this gets 503 (default: ${DEFAULT-VALUE}).")
    int maxConnections = DEFAULTS.maxConnections();

    @Option(names = "--max-body-size", paramLabel = "SIZE", order = 21, converter = ByteSize.Converter.class,
            description = "Largest request body, as 512k, 10m or 1g; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    ByteSize maxBodySize = new ByteSize(DEFAULTS.maxBodyBytes());

    @Option(names = "--header-timeout", paramLabel = "TIME", order = 22, converter = TimeSpan.Converter.class,
            description = "Time for a client to send a whole request head, as 30, 30s or 2m; then 408 (default: ${DEFAULT-VALUE}).")
    TimeSpan headerTimeout = TimeSpan.of(DEFAULTS.headerTimeout());

    @Option(names = "--body-timeout", paramLabel = "TIME", order = 23, converter = TimeSpan.Converter.class,
            description = "Longest wait for more request body bytes; then 408 (default: ${DEFAULT-VALUE}).")
    TimeSpan bodyTimeout = TimeSpan.of(DEFAULTS.bodyIdleTimeout());

    @Option(names = "--keep-alive-timeout", paramLabel = "TIME", order = 24, converter = TimeSpan.Converter.class,
            description = "How long an idle connection waits for its next request (default: ${DEFAULT-VALUE}).")
    TimeSpan keepAliveTimeout = TimeSpan.of(DEFAULTS.keepAliveTimeout());

    @Option(names = "--write-timeout", paramLabel = "TIME", order = 25, converter = TimeSpan.Converter.class,
            description = "Longest wait for a client to accept response bytes; then the connection is cut (default: ${DEFAULT-VALUE}).")
    TimeSpan writeTimeout = TimeSpan.of(DEFAULTS.writeTimeout());

    @Option(names = "--max-requests-per-connection", paramLabel = "N", order = 26,
            description = "Requests served on one connection before it is closed (default: ${DEFAULT-VALUE}).")
    int maxRequestsPerConnection = DEFAULTS.maxRequestsPerConnection();

    @Option(names = "--shutdown-grace", paramLabel = "TIME", order = 27, converter = TimeSpan.Converter.class,
            description = "On SIGTERM or Ctrl-C, how long requests in flight may still run before connections are cut (default: ${DEFAULT-VALUE}).")
    TimeSpan shutdownGrace = TimeSpan.of(DEFAULTS.shutdownGrace());

    /** The server configuration these options describe; throws a usage error for values out of range. */
    Http1Config toConfig() {
        try {
            return ServerLimits.of(maxConnections, maxBodySize.bytes(), headerTimeout.duration(), bodyTimeout.duration(),
                    keepAliveTimeout.duration(), writeTimeout.duration(), maxRequestsPerConnection, shutdownGrace.duration());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
    }
}
