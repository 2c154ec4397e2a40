package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.proxy.BackendTarget;
import dev.gatehouse.core.proxy.StreamClientConfig;
import dev.gatehouse.fastcgi.client.FcgiClientConfig;
import dev.gatehouse.fastcgi.client.FcgiTarget;
import dev.gatehouse.scgi.client.ScgiProxyApp;
import dev.gatehouse.supervise.BackendPool;
import dev.gatehouse.supervise.BackendProtocol;
import dev.gatehouse.supervise.HealthCheck;
import dev.gatehouse.supervise.PoolStatus;
import dev.gatehouse.supervise.SpawnTarget;
import dev.gatehouse.uwsgi.client.UwsgiProxyApp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code PROTOCOL+spawn:} schemes: a backend Gatehouse starts and supervises itself, as
 * {@code fastcgi+spawn:COMMAND?root=DIR&processes=N&...} (also {@code scgi+spawn:} and
 * {@code uwsgi+spawn:}). The command gets its socket as {@code {socket}}, {@code {port}} or on
 * fd 0 (see docs/supervise.md). Start-up waits for the first process to pass its health check.
 */
final class SpawnAppResolver implements AppResolver {
    private final String protocol;
    private final SupervisedBackends backends;
    private final List<SupervisedBackends.Held> pools = new ArrayList<>();

    private SpawnAppResolver(String protocol, SupervisedBackends backends) {
        this.protocol = protocol;
        this.backends = backends;
    }

    /** One resolver per spawnable protocol, for one build of the site, taking its pools from {@code backends}. */
    static List<SpawnAppResolver> all(SupervisedBackends backends) {
        return List.of(new SpawnAppResolver(FcgiTarget.SCHEME, backends), new SpawnAppResolver(ScgiProxyApp.SCHEME, backends),
                new SpawnAppResolver(UwsgiProxyApp.SCHEME, backends));
    }

    @Override
    public String scheme() {
        return protocol + SpawnTarget.SUFFIX;
    }

    @Override
    public String syntax() {
        return scheme() + ":COMMAND?processes=N&...";
    }

    @Override
    public void check(String target) throws StartupException {
        SpawnTarget spec = parse(target);
        String program = spec.command().argv().getFirst();
        if (ProgramPath.find(program).isEmpty()) {
            throw new StartupException("cannot mount " + scheme() + ":" + target + ": the program '" + program + "' is not "
                    + (program.contains("/") ? "an executable file" : "on the PATH"));
        }
    }

    private SpawnTarget parse(String target) throws StartupException {
        try {
            return SpawnTarget.parse(scheme() + ":" + target);
        } catch (IllegalArgumentException e) {
            throw new StartupException("cannot mount " + scheme() + ":" + target + ": " + e.getMessage());
        }
    }

    /**
     * The pool of {@code target}: the one already running for an equal spec when a reload keeps it
     * (see {@link SupervisedBackends}), else a new one, started and health-checked here.
     */
    @Override
    public Application resolve(String target) throws StartupException {
        SpawnTarget spec = parse(target);
        SupervisedBackends.Held held = backends.take(spec, this, root -> start(spec, target, root));
        pools.add(held);
        return held.pool();
    }

    private BackendPool start(SpawnTarget spec, String target, AtomicReference<Application> root) throws StartupException {
        String name = spec.command().programName();
        BackendPool pool;
        try {
            pool = BackendPool.start(name, spec.command(), backendProtocol(spec, root), spec.config());
        } catch (IOException | RuntimeException e) {
            throw new StartupException("cannot start the backend of " + scheme() + ":" + target + ": " + e.getMessage());
        }
        try {
            if (!pool.awaitReady(1, spec.config().startTimeout())) {
                PoolStatus status = pool.status();
                pool.close();
                throw new StartupException("the backend '" + name + "' did not start within " + spec.config().startTimeout() + ": "
                        + status.lastFailure() + "; its last output: " + status.recentOutput());
            }
        } catch (InterruptedException e) {
            pool.close();
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while starting " + name);
        }
        return pool;
    }

    private BackendProtocol backendProtocol(SpawnTarget spec, AtomicReference<Application> root) {
        return switch (protocol) {
            case FcgiTarget.SCHEME -> BackendProtocol.fastcgi(spec.documentRoot(), FcgiClientConfig.defaults(), root::get);
            case ScgiProxyApp.SCHEME -> BackendProtocol.of(protocol, HealthCheck.connect(), (address, connections) ->
                    new ScgiProxyApp(new BackendTarget(protocol, address), StreamClientConfig.defaults().withMaxConnections(connections), root::get));
            case UwsgiProxyApp.SCHEME -> BackendProtocol.of(protocol, HealthCheck.connect(), (address, connections) ->
                    new UwsgiProxyApp(new BackendTarget(protocol, address), StreamClientConfig.defaults().withMaxConnections(connections), root::get));
            default -> throw new IllegalStateException("no spawnable protocol " + protocol);
        };
    }

    /** Points the local redirects of every pool this build took at its root, kept pools included. */
    @Override
    public void bindRoot(Application app) {
        pools.forEach(p -> p.bindRoot(app));
    }

    /** This build's holds on its pools: closing one stops the pool unless a newer build took it too. */
    @Override
    public List<AutoCloseable> opened() {
        return List.copyOf(pools);
    }
}
