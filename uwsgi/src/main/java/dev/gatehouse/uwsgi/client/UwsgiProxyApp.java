package dev.gatehouse.uwsgi.client;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.core.proxy.BackendTarget;
import dev.gatehouse.core.proxy.StreamClientConfig;
import dev.gatehouse.core.proxy.StreamProxyApp;
import dev.gatehouse.uwsgi.codec.UwsgiException;
import dev.gatehouse.uwsgi.codec.UwsgiModifier;
import dev.gatehouse.uwsgi.codec.UwsgiRequestEncoder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@code uwsgi://HOST:PORT} or {@code uwsgi:unix:PATH} mount: forwards each request to a uwsgi
 * backend (uWSGI itself, or another Gatehouse's {@code --uwsgi} listener) as a WSGI request
 * (modifier1 0) whose vars are the environ's CGI variables, and relays the answer. Everything but
 * the request head (connections, limits, timeouts, the response, errors: 502 when the backend is
 * down) is core's {@link StreamProxyApp}.
 *
 * <p>uWSGI's "magic" variables ({@code UWSGI_*}, such as UWSGI_FILE or UWSGI_SCRIPT, which make
 * uWSGI load code) are never forwarded from the environ: they are not CGI, and only the backend's
 * own configuration should say what it runs.
 */
public final class UwsgiProxyApp implements Application, AutoCloseable {
    public static final String SCHEME = "uwsgi";
    private static final String MAGIC_PREFIX = "UWSGI_";
    private final StreamProxyApp proxy;

    /**
     * @param target a {@code uwsgi} target, e.g. {@code BackendTarget.parse("uwsgi", "uwsgi://127.0.0.1:3031")}
     * @param dispatcher the application that serves the whole URL space, for local redirects (see {@link StreamProxyApp})
     */
    public UwsgiProxyApp(BackendTarget target, StreamClientConfig config, Supplier<Application> dispatcher) {
        if (!SCHEME.equals(target.scheme())) throw new IllegalArgumentException("not a uwsgi target: " + target);
        this.proxy = new StreamProxyApp(SCHEME, target, config, (vars, contentLength) -> encodeHead(vars), dispatcher);
    }

    /** A mount whose local redirects stay within itself. */
    public UwsgiProxyApp(BackendTarget target, StreamClientConfig config) {
        this(target, config, null);
    }

    /** Parses {@code uwsgi://HOST:PORT} or {@code uwsgi:unix:PATH}. */
    public static BackendTarget target(String spec) {
        return BackendTarget.parse(SCHEME, spec);
    }

    /** The request head: a modifier1 0 packet with the CGI variables, minus uWSGI's magic ones. */
    static byte[] encodeHead(Map<String, String> cgiVariables) throws UwsgiException {
        Map<String, String> vars = new LinkedHashMap<>(cgiVariables);
        vars.keySet().removeIf(key -> key.startsWith(MAGIC_PREFIX));
        return UwsgiRequestEncoder.encode(vars, UwsgiModifier.WSGI.code, 0);
    }

    public BackendTarget target() {
        return proxy.target();
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws Exception {
        return proxy.call(environ, startResponse);
    }

    @Override
    public void close() {
        proxy.close();
    }

    @Override
    public String toString() {
        return proxy.toString();
    }
}
