package dev.gatehouse.cli.config;

import java.util.Objects;

/**
 * An app served under a URL prefix: one {@code --mount PREFIX=SPEC}, or one {@code [[mount]]} of
 * the configuration file with its own middleware.
 *
 * @param prefix where it is mounted, normalized: no trailing '/', the root as "/"
 * @param app what serves it
 * @param middleware what wraps this mount only ({@link MiddlewareSpec#NONE} for none)
 * @param requires a program that must be on the PATH for the mount to be served, or null: without
 *                 it the mount is left out with a log line (the demo's PHP page needs php-cgi)
 */
public record MountSpec(String prefix, AppSpec app, MiddlewareSpec middleware, String requires) {
    public MountSpec {
        prefix = normalize(prefix);
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(middleware, "middleware");
    }

    public MountSpec(String prefix, AppSpec app) {
        this(prefix, app, MiddlewareSpec.NONE, null);
    }

    /** The prefix the URL map files the mount under (the record keeps it normalized). */
    public String normalizedPrefix() {
        return prefix;
    }

    /** Checks a prefix as written: it starts with '/' and has no empty segment; throws with a message saying what is wrong. */
    public static void checkPrefix(String prefix) {
        if (!prefix.startsWith("/")) throw new IllegalArgumentException("the prefix '" + prefix + "' must start with '/'");
        if (prefix.contains("//")) throw new IllegalArgumentException("the prefix '" + prefix + "' must not contain '//'");
    }

    /** {@code PREFIX=SPEC}, as {@code --mount} takes it. */
    public static MountSpec parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) throw new IllegalArgumentException("'" + text + "' is not PREFIX=SPEC, as in /api=com.example.Api");
        String prefix = text.substring(0, eq);
        checkPrefix(prefix);
        return new MountSpec(prefix, AppSpec.parse(text.substring(eq + 1)));
    }

    private static String normalize(String prefix) {
        String p = prefix;
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.isEmpty() ? "/" : p;
    }

    @Override
    public String toString() {
        return prefix + "=" + app;
    }
}
