package dev.gatehouse.cli.config;

import dev.gatehouse.http1.server.Http1Config;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code gatehouse serve} is asked to run, from its options or from a configuration
 * file: the two front ends build this one model, and the command starts the server from it.
 *
 * @param listeners where to listen; empty for the default HTTP address
 * @param limits the server limits
 * @param classPath jars and directories to load apps from, one entry each
 * @param middleware the site-wide middleware (its access log is the server's log)
 * @param hosts the virtual hosts in order; one without names when the site has none
 * @param pidFile where to write the process id while serving, or null
 */
public record SiteSpec(List<ListenerSpec> listeners, Http1Config limits, List<String> classPath, MiddlewareSpec middleware,
        List<HostSpec> hosts, Path pidFile) {
    public SiteSpec {
        listeners = List.copyOf(listeners);
        classPath = List.copyOf(classPath);
        hosts = List.copyOf(hosts);
    }

    public int mountCount() {
        return hosts.stream().mapToInt(h -> h.mounts().size()).sum();
    }

    /** One line for {@code gatehouse check}: "2 listeners, 3 hosts, 7 mounts". */
    public String summary() {
        int listenerCount = listeners.isEmpty() ? 1 : listeners.size();
        return plural(listenerCount, "listener") + ", " + plural(hosts.size(), "host") + ", " + plural(mountCount(), "mount");
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
