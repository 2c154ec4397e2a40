package dev.gatehouse.middleware;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dispatches each request to the application mounted at the longest URL prefix of its
 * {@code PATH_INFO}, matching whole path segments only ({@code /app} takes {@code /app} and
 * {@code /app/x}, never {@code /apple}). The matched prefix moves from the front of
 * {@code PATH_INFO} to the end of {@code SCRIPT_NAME}, so the mounted app
 * sees the path relative to its mount point and can still build absolute links. An app mounted
 * at {@code /} (or {@code ""}) takes whatever no other prefix matched, with the environ
 * unchanged; without one, unmatched requests get a plain-text 404.
 *
 * <p>Prefixes are given as text and compared with the environ's byte-as-character form, so a
 * prefix with non-ASCII characters matches their UTF-8 encoding in the request path.
 */
public final class UrlMap implements Application {
    private static final byte[] NOT_FOUND = "Not Found\n".getBytes(StandardCharsets.US_ASCII);
    private static final List<Header> NOT_FOUND_HEADERS = List.of(
            Header.of("Content-Type", "text/plain; charset=utf-8"),
            Header.of("Content-Length", Integer.toString(NOT_FOUND.length)));

    private record Mount(String prefix, Application app) {
    }

    /** Longest prefix first, so the first match is the best one. */
    private final Mount[] mounts;
    private final Application fallback;

    private UrlMap(Map<String, Application> byPrefix) {
        List<Mount> list = new ArrayList<>();
        Application root = null;
        for (Map.Entry<String, Application> e : byPrefix.entrySet()) {
            if (e.getKey().isEmpty()) root = e.getValue();
            else list.add(new Mount(e.getKey(), e.getValue()));
        }
        list.sort(Comparator.comparingInt((Mount m) -> m.prefix().length()).reversed());
        this.mounts = list.toArray(Mount[]::new);
        this.fallback = root;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A map of the given prefixes; see {@link Builder#mount} for the prefix rules. */
    public static UrlMap of(Map<String, ? extends Application> mounts) {
        Builder b = builder();
        mounts.forEach(b::mount);
        return b.build();
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws Exception {
        String path = environ.pathInfo();
        for (Mount m : mounts) {
            if (isUnder(path, m.prefix())) {
                environ.put(EnvironKeys.SCRIPT_NAME, environ.scriptName() + m.prefix());
                environ.put(EnvironKeys.PATH_INFO, path.substring(m.prefix().length()));
                return m.app().call(environ, startResponse);
            }
        }
        if (fallback != null) return fallback.call(environ, startResponse);
        startResponse.start(Status.NOT_FOUND, NOT_FOUND_HEADERS);
        return Body.of(NOT_FOUND);
    }

    private static boolean isUnder(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /** Collects mounts; each prefix may be mounted once. */
    public static final class Builder {
        private final Map<String, Application> mounts = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Mounts {@code app} at {@code prefix}: {@code "/"} or {@code ""} for the fallback,
         * otherwise a path starting with '/' (a trailing '/' is ignored).
         */
        public Builder mount(String prefix, Application app) {
            if (app == null) throw new IllegalArgumentException("no application given for prefix '" + prefix + "'");
            String key = normalize(prefix);
            if (mounts.putIfAbsent(key, app) != null) {
                throw new IllegalArgumentException("two applications mounted at '" + (key.isEmpty() ? "/" : key) + "'");
            }
            return this;
        }

        public UrlMap build() {
            return new UrlMap(mounts);
        }

        private static String normalize(String prefix) {
            if (!prefix.isEmpty() && !prefix.startsWith("/")) {
                throw new IllegalArgumentException("a mount prefix must start with '/': '" + prefix + "'");
            }
            String trimmed = prefix;
            while (trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
            if (trimmed.contains("//")) throw new IllegalArgumentException("a mount prefix must not contain '//': '" + prefix + "'");
            // The environ holds each path byte as one ISO-8859-1 character.
            return new String(trimmed.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        }
    }
}
