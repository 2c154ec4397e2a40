package dev.gatehouse.fastcgi.client;

import dev.gatehouse.core.proxy.ConnectionPool;

/** The kept FastCGI connections to one backend, at most {@code maxConnections} of them (see {@link ConnectionPool}). */
final class FcgiConnectionPool extends ConnectionPool<FcgiBackendConnection, FcgiBackendException> {
    private final FcgiTarget target;

    FcgiConnectionPool(FcgiTarget target, FcgiClientConfig config) {
        super(target, new Limits(config.maxConnections(), config.poolWaitTimeout(), config.keepAliveIdle()),
                "gatehouse-fastcgi-client-watchdog",
                watchdog -> FcgiBackendConnection.open(target, config.connectTimeout(), watchdog),
                message -> new FcgiBackendException(503, message));
        this.target = target;
    }

    FcgiTarget target() {
        return target;
    }
}
