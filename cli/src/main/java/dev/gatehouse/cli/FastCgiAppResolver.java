package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.fastcgi.client.FcgiClientConfig;
import dev.gatehouse.fastcgi.client.FcgiProxyApp;
import dev.gatehouse.fastcgi.client.FcgiTarget;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code fastcgi:} scheme: a FastCGI backend (PHP-FPM, fcgiwrap, another Gatehouse) as
 * {@code fastcgi://HOST:PORT} or {@code fastcgi:unix:PATH}, with {@code ?root=DIR} for PHP-FPM's
 * script files. CGI local redirects are dispatched through the root application once
 * {@link #bindRoot} was called with it; until then they stay inside the backend's own mount.
 */
final class FastCgiAppResolver implements AppResolver {
    private final AtomicReference<Application> root = new AtomicReference<>();

    @Override
    public String scheme() {
        return FcgiTarget.SCHEME;
    }

    @Override
    public String syntax() {
        return "fastcgi://HOST:PORT or fastcgi:unix:PATH (either with ?root=DIR for PHP-FPM, &pool=N connections)";
    }

    @Override
    public void check(String target) throws StartupException {
        parse(target);
    }

    private static FcgiTarget parse(String target) throws StartupException {
        try {
            return FcgiTarget.parse(FcgiTarget.SCHEME + ":" + target);
        } catch (IllegalArgumentException e) {
            throw new StartupException("cannot mount " + FcgiTarget.SCHEME + ":" + target + ": " + e.getMessage());
        }
    }

    @Override
    public Application resolve(String target) throws StartupException {
        FcgiTarget parsed = parse(target);
        FcgiClientConfig config = FcgiClientConfig.defaults();
        if (parsed.poolSize() > 0) config = config.withMaxConnections(parsed.poolSize());
        return new FcgiProxyApp(parsed, config, root::get);
    }

    /** The application serving the whole URL space, which local redirects are dispatched to. */
    @Override
    public void bindRoot(Application app) {
        root.set(app);
    }
}
