package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.cgi.client.CgiClientConfig;
import dev.gatehouse.cgi.client.CgiProxyApp;
import dev.gatehouse.cgi.client.CgiTarget;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code cgi:} scheme: a directory of CGI scripts, as Apache's {@code ScriptAlias} mounts one
 * ({@code --mount /cgi-bin=cgi:/srv/cgi-bin}), with options after a '?':
 * {@code timeout=30s}, {@code max=N} scripts at once, {@code auth=pass}, {@code docroot=DIR},
 * {@code spawn=helper|direct}. CGI local redirects are dispatched through the root application
 * once {@link #bindRoot} was called with it; until then they stay inside the mount. Each mount
 * runs a spawner helper process, closed with the mount ({@link #opened}).
 */
final class CgiAppResolver implements AppResolver {
    private final AtomicReference<Application> root = new AtomicReference<>();
    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();

    @Override
    public String scheme() {
        return CgiTarget.SCHEME;
    }

    @Override
    public String syntax() {
        return "cgi:/DIR (a directory of CGI scripts, with ?timeout=60s&max=N&auth=pass&docroot=/DIR&spawn=helper|direct)";
    }

    @Override
    public void check(String target) throws StartupException {
        CgiTarget parsed = parse(target);
        if (!java.nio.file.Files.isDirectory(parsed.directory())) {
            throw new StartupException("cannot mount " + CgiTarget.SCHEME + ":" + target + ": CGI script directory " + parsed.directory() + " is not a directory");
        }
    }

    private static CgiTarget parse(String target) throws StartupException {
        try {
            return CgiTarget.parse(CgiTarget.SCHEME + ":" + target);
        } catch (IllegalArgumentException e) {
            throw new StartupException("cannot mount " + CgiTarget.SCHEME + ":" + target + ": " + e.getMessage());
        }
    }

    @Override
    public Application resolve(String target) throws StartupException {
        String spec = CgiTarget.SCHEME + ":" + target;
        CgiTarget parsed = parse(target);
        try {
            CgiProxyApp app = new CgiProxyApp(parsed, CgiClientConfig.defaults(), root::get);
            opened.add(app);
            return app;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new StartupException("cannot mount " + spec + ": " + e.getMessage());
        }
    }

    /** The application serving the whole URL space, which local redirects are dispatched to. */
    @Override
    public void bindRoot(Application app) {
        root.set(app);
    }

    /** Every mount built: closing one stops its spawner helper and kills the scripts still running. */
    @Override
    public List<AutoCloseable> opened() {
        return List.copyOf(opened);
    }
}
