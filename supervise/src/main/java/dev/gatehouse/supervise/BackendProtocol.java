package dev.gatehouse.supervise;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.fastcgi.client.FcgiClientConfig;
import dev.gatehouse.fastcgi.client.FcgiProxyApp;
import dev.gatehouse.fastcgi.client.FcgiTarget;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a supervised process speaks: how to check that a new one is up, and the outbound gateway
 * (an existing {@code ProxyApp}) that forwards requests to one process. The pool makes one
 * gateway per process and closes it (if it is {@link AutoCloseable}) when the process ends.
 *
 * <p>FastCGI is built in (this module may only depend on core and fastcgi); the command line,
 * which sees every module, adds the others with {@link #of}, e.g.
 * {@code BackendProtocol.of("SCGI", HealthCheck.connect(), (address, n) -> new ScgiProxyApp(
 * new BackendTarget("scgi", address), StreamClientConfig.defaults().withMaxConnections(n), root::get))}.
 */
public interface BackendProtocol {
    /** Names the protocol in log lines ({@code "FastCGI"}). */
    String name();

    HealthCheck healthCheck();

    /** The gateway to the process listening on {@code address}, using at most {@code connections} connections to it. */
    Application open(ListenAddress address, int connections);

    /** Makes a gateway for one process. */
    @FunctionalInterface
    interface Opener {
        Application open(ListenAddress address, int connections);
    }

    static BackendProtocol of(String name, HealthCheck healthCheck, Opener opener) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(healthCheck, "healthCheck");
        Objects.requireNonNull(opener, "opener");
        return new BackendProtocol() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheck healthCheck() {
                return healthCheck;
            }

            @Override
            public Application open(ListenAddress address, int connections) {
                return opener.open(address, connections);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /**
     * FastCGI through {@link FcgiProxyApp}, health-checked with FCGI_GET_VALUES.
     *
     * @param documentRoot the {@code root=} of a {@code fastcgi:} mount (php-cgi needs it to find
     *     the script), or null to pass SCRIPT_NAME and PATH_INFO through
     * @param config the client's limits; its {@code maxConnections} is replaced by the pool's
     *     {@link SupervisorConfig#connectionsPerProcess()}
     * @param dispatcher the root application for CGI local redirects (see {@link FcgiProxyApp})
     */
    static BackendProtocol fastcgi(String documentRoot, FcgiClientConfig config, Supplier<Application> dispatcher) {
        Objects.requireNonNull(config, "config");
        Supplier<Application> root = dispatcher == null ? () -> null : dispatcher;
        return of("FastCGI", HealthCheck.fastcgi(),
                (address, connections) -> new FcgiProxyApp(new FcgiTarget(address, documentRoot), config.withMaxConnections(connections), root));
    }
}
