package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.cli.config.HostSpec;
import dev.gatehouse.cli.config.MountSpec;
import dev.gatehouse.cli.config.SiteSpec;
import dev.gatehouse.middleware.UrlMap;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the applications a {@link SiteSpec} describes, whichever front end made it: each mount
 * resolved and wrapped in its own middleware, each host's mounts in a {@link UrlMap} wrapped in the
 * host's middleware, the hosts behind {@link VirtualHosts}, and the site-wide middleware around
 * them all (its access log aside: the server keeps that one across reloads).
 */
final class SiteBuilder {
    private static final Logger log = LoggerFactory.getLogger(SiteBuilder.class);

    private SiteBuilder() {
    }

    /**
     * The site, ready to serve. {@code where} gives the place a mount was written ("site.toml:12: ")
     * to put in front of its errors; supervised backends are taken from {@code backends}, which
     * keeps those a reload leaves unchanged running. On failure, whatever was started is closed again.
     */
    static SiteGeneration build(SiteSpec spec, Function<MountSpec, String> where, SupervisedBackends backends) throws StartupException {
        List<AutoCloseable> opened = new ArrayList<>();
        AppResolvers resolvers = null;
        try {
            ClassLoader parent = SiteBuilder.class.getClassLoader();
            ClassLoader loader = ClassPath.loader(spec.classPath(), parent);
            if (loader != parent && loader instanceof Closeable c) opened.add(c);
            resolvers = AppResolvers.standard(loader, backends);
            Application root = hosts(spec.hosts(), resolvers, opened, where);
            Application site = MiddlewareChain.wrap(root, spec.middleware().withoutAccessLog(), opened);
            resolvers.bindRoot(root); // last: a backend kept from the running site is pointed at a site that will be served
            List<AutoCloseable> all = new ArrayList<>(opened);
            all.addAll(resolvers.opened());
            return new SiteGeneration(site, all);
        } catch (StartupException | RuntimeException e) {
            List<AutoCloseable> all = new ArrayList<>(opened);
            if (resolvers != null) all.addAll(resolvers.opened());
            new SiteGeneration((environ, startResponse) -> null, all).close();
            throw e;
        }
    }

    private static Application hosts(List<HostSpec> hosts, AppResolvers resolvers, List<AutoCloseable> opened,
            Function<MountSpec, String> where) throws StartupException {
        if (hosts.size() == 1) return host(hosts.getFirst(), resolvers, opened, where);
        VirtualHosts.Builder builder = new VirtualHosts.Builder();
        Application first = null;
        Application marked = null;
        for (HostSpec h : hosts) {
            Application app = host(h, resolvers, opened, where);
            builder.host(h.names(), app);
            if (first == null) first = app;
            if (h.isDefault() && marked == null) marked = app;
        }
        return builder.build(marked != null ? marked : first); // nginx's rule: the one marked default, else the first
    }

    private static Application host(HostSpec host, AppResolvers resolvers, List<AutoCloseable> opened,
            Function<MountSpec, String> where) throws StartupException {
        List<MountSpec> mounts = new ArrayList<>();
        for (MountSpec m : host.mounts()) {
            if (m.requires() != null && ProgramPath.find(m.requires()).isEmpty()) {
                log.info("{} is not served: it requires {}, which is not on the PATH", m.prefix(), m.requires());
                continue;
            }
            mounts.add(m);
        }
        Application app;
        if (mounts.size() == 1 && mounts.getFirst().prefix().equals("/")) {
            app = mount(mounts.getFirst(), resolvers, opened, where);
        } else {
            UrlMap.Builder map = UrlMap.builder();
            for (MountSpec m : mounts) map.mount(m.prefix(), mount(m, resolvers, opened, where));
            app = map.build();
        }
        return MiddlewareChain.wrap(app, host.middleware(), opened);
    }

    private static Application mount(MountSpec mount, AppResolvers resolvers, List<AutoCloseable> opened,
            Function<MountSpec, String> where) throws StartupException {
        try {
            return MiddlewareChain.wrap(resolvers.resolve(mount.app()), mount.middleware(), opened);
        } catch (StartupException e) {
            throw new StartupException(where.apply(mount) + e.getMessage());
        }
    }
}
