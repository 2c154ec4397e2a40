package dev.gatehouse.http1.client;

import dev.gatehouse.core.proxy.ConnectionPool;

/** The kept HTTP connections to one backend, at most {@code maxConnections} of them (see {@link ConnectionPool}). */
final class HttpConnectionPool extends ConnectionPool<HttpBackendConnection, HttpBackendException> {
    private final HttpTarget target;

    HttpConnectionPool(HttpTarget target, HttpClientConfig config) {
        super(target, new Limits(config.maxConnections(), config.poolWaitTimeout(), config.keepAliveIdle()),
                "gatehouse-http-client-watchdog",
                watchdog -> HttpBackendConnection.open(target, config, watchdog),
                message -> new HttpBackendException(503, message));
        this.target = target;
    }

    HttpTarget target() {
        return target;
    }
}
