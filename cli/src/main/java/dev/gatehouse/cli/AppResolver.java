package dev.gatehouse.cli;

import dev.gatehouse.api.Application;

/**
 * Builds the application for one scheme of {@link dev.gatehouse.cli.config.AppSpec}. Each kind of thing Gatehouse can
 * serve (an app class, static files, CGI scripts, a FastCGI backend, ...) is one resolver,
 * registered in {@link AppResolvers}.
 */
interface AppResolver {
    /** The scheme this resolver answers for, without ':'. */
    String scheme();

    /** How a spec of this scheme is written, for help and error messages. */
    String syntax();

    /** Builds the app once, at start-up. */
    Application resolve(String target) throws StartupException;

    /**
     * Checks what can be checked without building the app or starting anything (the syntax of the
     * target, that its class or directory is there), for {@code gatehouse check} and reloads; throws
     * with the message {@link #resolve} would give.
     */
    void check(String target) throws StartupException;

    /**
     * Tells the resolver the application that serves the whole URL space, once it is built:
     * gateways that re-dispatch CGI local redirects send them there.
     */
    default void bindRoot(Application root) {
    }

    /** What the resolver started that must be closed after the servers stop (supervised backends). */
    default java.util.List<AutoCloseable> opened() {
        return java.util.List.of();
    }
}
