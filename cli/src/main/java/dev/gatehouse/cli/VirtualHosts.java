package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.StartResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Picks the application of the virtual host a request names in its {@code Host} header, the way
 * nginx picks a {@code server} by {@code server_name}: an exact name first, then the longest
 * matching wildcard ({@code *.example.com} matches {@code a.example.com} and
 * {@code a.b.example.com}, not {@code example.com}), else the default host. Names compare
 * without case, without the port and without a trailing dot. A request without a Host (HTTP/1.0)
 * goes to the default host too.
 */
final class VirtualHosts implements Application {
    private final Map<String, Application> exact = new HashMap<>();
    /** Wildcards as their suffix (".example.com"), longest first. */
    private final List<Map.Entry<String, Application>> wildcards = new ArrayList<>();
    private final Application fallback;

    private VirtualHosts(Application fallback) {
        this.fallback = fallback;
    }

    /** Builds the dispatcher; {@code names} are lower case, exact or {@code *.suffix}. */
    static final class Builder {
        private final Map<String, Application> exact = new HashMap<>();
        private final List<Map.Entry<String, Application>> wildcards = new ArrayList<>();

        Builder host(List<String> names, Application app) {
            for (String name : names) {
                if (name.startsWith("*.")) wildcards.add(Map.entry(name.substring(1), app));
                else exact.put(name, app);
            }
            return this;
        }

        VirtualHosts build(Application defaultHost) {
            VirtualHosts hosts = new VirtualHosts(defaultHost);
            hosts.exact.putAll(exact);
            hosts.wildcards.addAll(wildcards);
            hosts.wildcards.sort(Comparator.comparingInt((Map.Entry<String, Application> e) -> e.getKey().length()).reversed());
            return hosts;
        }
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws Exception {
        return select(environ.getString("HTTP_HOST")).call(environ, startResponse);
    }

    /** The application for a Host header value (null for none). */
    Application select(String host) {
        if (host == null || host.isEmpty()) return fallback;
        String name = hostName(host);
        Application app = exact.get(name);
        if (app != null) return app;
        for (Map.Entry<String, Application> w : wildcards) {
            if (name.endsWith(w.getKey()) && name.length() > w.getKey().length()) return w.getValue();
        }
        return fallback;
    }

    /** "Example.COM:8080" -> "example.com"; "[::1]:80" -> "[::1]". */
    static String hostName(String host) {
        String name = host;
        int colon = name.lastIndexOf(':');
        if (colon >= 0 && name.indexOf(']') < colon) name = name.substring(0, colon);
        if (name.endsWith(".")) name = name.substring(0, name.length() - 1);
        return name.toLowerCase(Locale.ROOT);
    }
}
