package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.proxy.BackendTarget;
import dev.gatehouse.core.proxy.StreamClientConfig;
import dev.gatehouse.scgi.client.ScgiProxyApp;
import dev.gatehouse.uwsgi.client.UwsgiProxyApp;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The {@code scgi:} and {@code uwsgi:} schemes: a backend speaking SCGI or the uwsgi protocol
 * (uWSGI, another Gatehouse) as {@code SCHEME://HOST:PORT} or {@code SCHEME:unix:PATH}. As with
 * FastCGI, CGI local redirects are dispatched through the root application once it is bound.
 */
final class StreamAppResolver implements AppResolver {
    /** Builds the proxy for a parsed target. */
    @FunctionalInterface
    interface ProxyFactory {
        Application create(BackendTarget target, StreamClientConfig config, Supplier<Application> dispatcher);
    }

    private final String scheme;
    private final ProxyFactory factory;
    private final AtomicReference<Application> root = new AtomicReference<>();

    StreamAppResolver(String scheme, ProxyFactory factory) {
        this.scheme = scheme;
        this.factory = factory;
    }

    static StreamAppResolver scgi() {
        return new StreamAppResolver(ScgiProxyApp.SCHEME, ScgiProxyApp::new);
    }

    static StreamAppResolver uwsgi() {
        return new StreamAppResolver(UwsgiProxyApp.SCHEME, UwsgiProxyApp::new);
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public String syntax() {
        return scheme + "://HOST:PORT or " + scheme + ":unix:PATH";
    }

    @Override
    public void check(String target) throws StartupException {
        parse(target);
    }

    @Override
    public Application resolve(String target) throws StartupException {
        return factory.create(parse(target), StreamClientConfig.defaults(), root::get);
    }

    private BackendTarget parse(String target) throws StartupException {
        BackendTarget parsed;
        try {
            parsed = BackendTarget.parse(scheme, scheme + ":" + target);
        } catch (IllegalArgumentException e) {
            throw new StartupException("cannot mount " + scheme + ":" + target + ": " + e.getMessage());
        }
        return parsed;
    }

    @Override
    public void bindRoot(Application app) {
        root.set(app);
    }
}
