package dev.gatehouse.http1.client;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import dev.gatehouse.http1.codec.Http1Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound HTTP gateway (the {@code http://} mount): an {@link Application} that forwards
 * each request to an HTTP/1.1 backend and streams its answer back, the way nginx's
 * {@code proxy_pass} does.
 *
 * <ul>
 *   <li>the mount's path is replaced by the target's prefix; headers go on minus the hop-by-hop
 *       ones, with the backend's Host and X-Forwarded-*, Forwarded and Via added
 *       ({@link HttpEnvironEncoder}); the body streams as it arrives, chunked when it has no length;</li>
 *   <li>the response head is parsed strictly ({@link dev.gatehouse.http1.codec.Http1ResponseDecoder}),
 *       1xx responses skipped, hop-by-hop headers dropped and Location rewritten back onto the
 *       mount ({@link HttpResponseHeaders}); the body streams as it arrives, de-chunked;</li>
 *   <li>connections are kept alive and pooled per backend ({@link HttpConnectionPool}); a kept
 *       connection that turns out stale before answering anything is retried once on a fresh one
 *       when no client body byte was used up;</li>
 *   <li>backend down or malformed: 502; too slow (connect, send, response head): 504; every
 *       connection busy past the pool wait: 503; each with one log line. Errors after the head
 *       was sent abort the client connection.</li>
 * </ul>
 */
public final class HttpProxyApp implements Application, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpProxyApp.class);

    private final HttpTarget target;
    private final HttpClientConfig config;
    private final HttpConnectionPool pool;

    /** A proxy to {@code target}; the target's {@code pool=N}, when given, overrides {@code config}'s connection limit. */
    public HttpProxyApp(HttpTarget target, HttpClientConfig config) {
        this.target = target;
        this.config = target.poolSize() > 0 ? config.withMaxConnections(target.poolSize()) : config;
        this.pool = new HttpConnectionPool(target, this.config);
    }

    public HttpTarget target() {
        return target;
    }

    /** The configuration in force (with the target's pool size applied). */
    public HttpClientConfig config() {
        return config;
    }

    HttpConnectionPool pool() {
        return pool;
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws Exception {
        String request = describe(environ);
        HttpEnvironEncoder.Request outbound = HttpEnvironEncoder.encode(environ, target);
        HttpClientExchange exchange;
        try {
            exchange = forward(outbound, environ, request);
        } catch (HttpBackendException e) {
            log.warn("HTTP {} for {}: {} (answered {})", target, request, e.getMessage(), e.status());
            return answer(startResponse, e.status());
        }
        Http1Response head = exchange.head();
        try {
            startResponse.start(head.status(), HttpResponseHeaders.forClient(head, environ, target));
        } catch (RuntimeException e) {
            exchange.close();
            throw e;
        }
        return exchange;
    }

    /** Sends the request and reads the head, once more on a fresh connection if a kept one was stale. */
    private HttpClientExchange forward(HttpEnvironEncoder.Request outbound, Environ environ, String request) throws Exception {
        for (int attempt = 1; ; attempt++) {
            HttpClientExchange exchange = new HttpClientExchange(pool, pool.acquire(), config, request);
            try {
                exchange.send(outbound, environ.input());
                exchange.readHead(outbound.method());
                return exchange;
            } catch (HttpBackendException e) {
                if (attempt > 1 || !exchange.retryable()) throw e;
                log.debug("kept HTTP connection to {} was stale ({}); retrying on a new one", target, e.getMessage());
                pool.closeIdle();
            }
        }
    }

    private static Body answer(StartResponse startResponse, int status) {
        byte[] body = (status + " " + Status.reasonFor(status) + "\n").getBytes(StandardCharsets.UTF_8);
        startResponse.start(Status.of(status), List.of(Header.of("Content-Type", "text/plain; charset=utf-8"),
                Header.of("Content-Length", Integer.toString(body.length))));
        return Body.of(body);
    }

    private static String describe(Environ environ) {
        String uri = environ.getString(EnvironKeys.REQUEST_URI);
        return environ.requestMethod() + " " + (uri != null ? uri : environ.scriptName() + environ.pathInfo());
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
