package dev.gatehouse.core.proxy;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.core.ProtocolException;
import dev.gatehouse.core.cgi.CgiResponse;
import dev.gatehouse.core.net.Watchdog;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound gateway of a stream protocol (SCGI, uwsgi): an {@link Application} that forwards
 * each request to a backend on a connection of its own and streams the answer back. The protocols
 * differ only in the request head, which the {@link BackendRequestEncoder} writes:
 *
 * <ul>
 *   <li>connect (at most {@code maxConnections} at once, the rest queue fairly), send the head
 *       with the environ's {@link CgiVariables}, then the body raw as the client sends it (a body
 *       without Content-Length is buffered first, the protocols need the length up front);</li>
 *   <li>read a CGI response head ({@code Status:} or an HTTP status line); a local redirect is
 *       re-dispatched to the {@code dispatcher} (the root application) as a GET, a client redirect
 *       is answered 302; the body is whatever follows, until the backend closes;</li>
 *   <li>backend down or malformed: 502; too slow: 504; every connection busy: 503; each with one
 *       log line. Errors after the head was sent abort the client connection;</li>
 *   <li>a backend that answers before reading the whole body gets its answer relayed.</li>
 * </ul>
 */
public final class StreamProxyApp implements Application, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamProxyApp.class);
    /** A body up to this size is read before connecting and goes out in the head's write. */
    private static final int SMALL_BODY = StreamClientExchange.CHUNK;
    private static final byte[] NONE = new byte[0];

    private final String protocol;
    private final BackendTarget target;
    private final StreamClientConfig config;
    private final BackendRequestEncoder encoder;
    private final Supplier<Application> dispatcher;
    private final Semaphore permits;
    private final Watchdog watchdog;

    /**
     * @param protocol names the protocol in log lines ({@code "SCGI"}, {@code "uwsgi"})
     * @param dispatcher gives the application that serves the whole URL space (called per local
     *     redirect, so it may be bound after this app was built); null, or null from it, means
     *     "this app, for paths under its mount"
     */
    public StreamProxyApp(String protocol, BackendTarget target, StreamClientConfig config, BackendRequestEncoder encoder,
                          Supplier<Application> dispatcher) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.target = Objects.requireNonNull(target, "target");
        this.config = Objects.requireNonNull(config, "config");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.dispatcher = dispatcher == null ? () -> null : dispatcher;
        this.permits = new Semaphore(config.maxConnections(), true);
        this.watchdog = new Watchdog("gatehouse-" + protocol.toLowerCase(java.util.Locale.ROOT) + "-client-watchdog");
    }

    public BackendTarget target() {
        return target;
    }

    public StreamClientConfig config() {
        return config;
    }

    /** Connections free right now (for tests and stats). */
    int available() {
        return permits.availablePermits();
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws Exception {
        String request = ProxyResponses.describe(environ);
        RequestBody body = RequestBody.of(environ, config.maxUnsizedBodyBytes(), protocol);
        long length = Math.max(0, body.length());
        byte[] head;
        try {
            head = encoder.encodeHead(CgiVariables.of(environ, length), length);
        } catch (ProtocolException e) {
            return fail(startResponse, request, "cannot encode the request: " + e.getMessage(), e.status());
        } catch (IOException e) {
            return fail(startResponse, request, "cannot encode the request: " + e.getMessage(), 500);
        }
        byte[] start = length <= SMALL_BODY ? body.readSmall() : NONE;
        InputStream rest = start.length == length ? InputStream.nullInputStream() : body.stream();
        StreamClientExchange exchange;
        CgiResponse response;
        try {
            exchange = open();
            exchange.send(head, start, rest, length - start.length);
            response = exchange.readHead();
        } catch (StreamBackendException e) {
            return fail(startResponse, request, e.getMessage(), e.status());
        }
        return switch (response.kind()) {
            case LOCAL_REDIRECT -> {
                exchange.close(); // before the new request, which may need a connection of its own
                yield ProxyResponses.localRedirect(protocol + " " + target, this, dispatcher, environ, response.location(),
                        config.maxLocalRedirects(), startResponse);
            }
            case CLIENT_REDIRECT -> ProxyResponses.clientRedirect(response, exchange, exchange::close, startResponse);
            case DOCUMENT -> ProxyResponses.relay(response, exchange, startResponse);
        };
    }

    /** A connection of this request's own, after waiting (fairly, bounded) for a free one. */
    private StreamClientExchange open() throws StreamBackendException, InterruptedException {
        if (!permits.tryAcquire(config.queueTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
            throw new StreamBackendException(503, "all " + config.maxConnections() + " connections to " + target
                    + " stayed busy for " + config.queueTimeout());
        }
        try {
            return new StreamClientExchange(StreamBackendConnection.open(target, config.connectTimeout(), watchdog), config, permits::release);
        } catch (StreamBackendException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private Body fail(StartResponse startResponse, String request, String what, int status) {
        log.warn("{} {} for {}: {} (answered {})", protocol, target, request, what, status);
        return ProxyResponses.error(startResponse, status);
    }

    /** Stops the timeout thread; requests still running keep their connections until they end. */
    @Override
    public void close() {
        watchdog.close();
    }

    @Override
    public String toString() {
        return protocol + " " + target;
    }
}
