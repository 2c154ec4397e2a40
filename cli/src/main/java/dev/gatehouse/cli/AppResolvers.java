package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.cli.config.AppSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The resolvers by scheme: turns an {@link AppSpec} into the application it names. */
final class AppResolvers {
    private final Map<String, AppResolver> byScheme = new LinkedHashMap<>();

    AppResolvers(AppResolver... resolvers) {
        for (AppResolver r : resolvers) byScheme.put(r.scheme(), r);
    }

    /** Every kind of app this version of the command can serve; supervised backends start afresh. */
    static AppResolvers standard(ClassLoader loader) {
        return standard(loader, new SupervisedBackends());
    }

    /** Every kind of app this version of the command can serve, taking supervised backends from {@code backends} (kept across reloads). */
    static AppResolvers standard(ClassLoader loader, SupervisedBackends backends) {
        List<AppResolver> all = new ArrayList<>(List.of(new ClassAppResolver(loader), new FastCgiAppResolver(), StreamAppResolver.scgi(),
                StreamAppResolver.uwsgi(), new HttpAppResolver(), new FilesAppResolver(), new CgiAppResolver()));
        all.addAll(SpawnAppResolver.all(backends));
        return new AppResolvers(all.toArray(AppResolver[]::new));
    }

    /** Everything the resolvers started that must be closed after the servers (supervised backends). */
    List<AutoCloseable> opened() {
        List<AutoCloseable> opened = new ArrayList<>();
        byScheme.values().forEach(r -> opened.addAll(r.opened()));
        return opened;
    }

    Application resolve(AppSpec spec) throws StartupException {
        return resolver(spec).resolve(spec.target());
    }

    /** Checks the spec without building its app (see {@link AppResolver#check}). */
    void check(AppSpec spec) throws StartupException {
        resolver(spec).check(spec.target());
    }

    private AppResolver resolver(AppSpec spec) throws StartupException {
        AppResolver resolver = byScheme.get(spec.scheme());
        if (resolver == null) {
            throw new StartupException("unknown kind of app '" + spec.scheme() + ":' in '" + spec + "'; supported: " + supported());
        }
        return resolver;
    }

    /** Hands the finished root application to every resolver (for local redirects). */
    Application bindRoot(Application root) {
        byScheme.values().forEach(r -> r.bindRoot(root));
        return root;
    }

    /** The supported syntaxes, for messages: {@code app:CLASS, app:CLASS::METHOD}. */
    String supported() {
        return byScheme.values().stream().map(AppResolver::syntax).collect(Collectors.joining(", "));
    }
}
