package dev.gatehouse.scgi.client;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.core.proxy.BackendTarget;
import dev.gatehouse.core.proxy.StreamClientConfig;
import dev.gatehouse.core.proxy.StreamProxyApp;
import dev.gatehouse.scgi.codec.ScgiRequestEncoder;
import java.util.function.Supplier;

/**
 * The outbound SCGI gateway, the {@code scgi://HOST:PORT} or {@code scgi:unix:PATH} mount: an
 * {@link Application} that forwards each request to an SCGI server (uWSGI's
 * {@code --scgi-socket}, Python's scgi servers, another Gatehouse) on a connection of its own and
 * streams its answer back. The header netstring is {@link ScgiRequestEncoder}'s (CONTENT_LENGTH
 * first, SCGI=1, then the environ's CGI variables); everything else (the body, the CGI response
 * head, redirects, 502/503/504 and their log lines) is core's {@link StreamProxyApp}.
 */
public final class ScgiProxyApp implements Application, AutoCloseable {
    public static final String SCHEME = "scgi";

    private final StreamProxyApp proxy;

    /** A proxy whose local redirects stay inside its own mount. */
    public ScgiProxyApp(BackendTarget target, StreamClientConfig config) {
        this(target, config, () -> null);
    }

    /**
     * @param target an {@code scgi} target ({@code BackendTarget.parse(ScgiProxyApp.SCHEME, "scgi://127.0.0.1:4000")})
     * @param dispatcher gives the application that serves the whole URL space (called per local
     *     redirect, so it may be bound after this app was built); null from it means "this app,
     *     for paths under its mount"
     */
    public ScgiProxyApp(BackendTarget target, StreamClientConfig config, Supplier<Application> dispatcher) {
        if (!SCHEME.equals(target.scheme())) throw new IllegalArgumentException("not an " + SCHEME + " target: " + target);
        this.proxy = new StreamProxyApp("SCGI", target, config, ScgiRequestEncoder::encode, dispatcher);
    }

    public BackendTarget target() {
        return proxy.target();
    }

    public StreamClientConfig config() {
        return proxy.config();
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws Exception {
        return proxy.call(environ, startResponse);
    }

    /** Stops the timeout thread; requests still running keep their connections until they end. */
    @Override
    public void close() {
        proxy.close();
    }

    @Override
    public String toString() {
        return proxy.toString();
    }
}
