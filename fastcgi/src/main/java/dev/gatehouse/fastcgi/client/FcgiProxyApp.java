package dev.gatehouse.fastcgi.client;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.core.cgi.CgiResponse;
import dev.gatehouse.core.proxy.ProxyResponses;
import dev.gatehouse.core.proxy.RequestBody;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound FastCGI gateway: an {@link Application} that forwards each request to a FastCGI
 * responder (PHP-FPM, fcgiwrap, another Gatehouse) and streams its answer back.
 *
 * <ul>
 *   <li>the environ goes out as PARAMS ({@link FcgiEnvironEncoder}), the body as STDIN while it
 *       arrives, and the response comes back as it arrives (the body pulls STDOUT records);</li>
 *   <li>the CGI head is parsed strictly; a local redirect is re-dispatched to the
 *       {@code dispatcher} (the root application) as a GET, a client redirect is answered 302;</li>
 *   <li>backend down or malformed: 502; too slow: 504; every connection busy: 503; each with one
 *       log line. Errors after the head was sent abort the client connection;</li>
 *   <li>a kept connection that turns out stale is retried once on a fresh one, when that is safe
 *       (no body read, nothing received).</li>
 * </ul>
 */
public final class FcgiProxyApp implements Application, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FcgiProxyApp.class);

    private final FcgiTarget target;
    private final FcgiClientConfig config;
    private final FcgiConnectionPool pool;
    private final Supplier<Application> dispatcher;

    /** A proxy whose local redirects stay inside its own mount. */
    public FcgiProxyApp(FcgiTarget target, FcgiClientConfig config) {
        this(target, config, () -> null);
    }

    /**
     * @param dispatcher gives the application that serves the whole URL space (called per local
     *     redirect, so it may be bound after this app was built); null from it means "this app,
     *     for paths under its mount"
     */
    public FcgiProxyApp(FcgiTarget target, FcgiClientConfig config, Supplier<Application> dispatcher) {
        this.target = target;
        this.config = config;
        this.pool = new FcgiConnectionPool(target, config);
        this.dispatcher = dispatcher;
    }

    public FcgiTarget target() {
        return target;
    }

    public FcgiClientConfig config() {
        return config;
    }

    FcgiConnectionPool pool() {
        return pool;
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws Exception {
        RequestBody body = RequestBody.of(environ, config.maxUnsizedBodyBytes(), "FastCGI");
        Map<String, String> params = FcgiEnvironEncoder.params(environ, target, body.length());
        if (params == null) return ProxyResponses.error(startResponse, 404);
        FcgiClientExchange exchange;
        try {
            exchange = forward(params, body, ProxyResponses.describe(environ));
        } catch (FcgiBackendException e) {
            log.warn("FastCGI {} for {}: {} (answered {})", target, ProxyResponses.describe(environ), e.getMessage(), e.status());
            return ProxyResponses.error(startResponse, e.status());
        }
        CgiResponse head = exchange.head();
        if (head.kind() == CgiResponse.Kind.LOCAL_REDIRECT) {
            exchange.discardRest();
            exchange.close();
            return redirect(environ, head.location(), startResponse);
        }
        return ProxyResponses.relay(head, exchange, startResponse);
    }

    /** Sends the request and reads the head, once more on a fresh connection if a kept one was stale. */
    private FcgiClientExchange forward(Map<String, String> params, RequestBody body, String request) throws Exception {
        for (int attempt = 1; ; attempt++) {
            FcgiClientExchange exchange = new FcgiClientExchange(pool, pool.acquire(), config, request);
            try {
                exchange.send(params, body.stream());
                exchange.readHead();
                return exchange;
            } catch (FcgiBackendException e) {
                if (attempt > 1 || !exchange.retryable()) throw e;
                log.debug("kept FastCGI connection to {} was stale ({}); retrying on a new one", target, e.getMessage());
                pool.closeIdle();
            }
        }
    }

    /** RFC 3875 6.2.2: answer what a GET for {@code location} would get. */
    private Body redirect(Environ environ, String location, StartResponse startResponse) throws Exception {
        return ProxyResponses.localRedirect("FastCGI " + target, this, dispatcher, environ, location, config.maxLocalRedirects(), startResponse);
    }

    /** Closes the kept connections and the timeout thread. */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return target.toString();
    }
}
