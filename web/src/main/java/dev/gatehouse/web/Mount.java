package dev.gatehouse.web;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import java.nio.charset.StandardCharsets;

/**
 * A sub-application under a fixed path prefix. As in WSGI, the prefix moves from PATH_INFO to
 * SCRIPT_NAME, so the sub-app routes on the rest and builds its URLs under the prefix.
 */
record Mount(String prefix, String rawPrefix, Application app) {
    static Mount of(String prefix, Application app) {
        if (!prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("a mount prefix starts with '/' and does not end with one: " + prefix);
        }
        // PATH_INFO holds the path's UTF-8 bytes as ISO-8859-1 characters
        String raw = new String(prefix.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return new Mount(prefix, raw, app);
    }

    boolean matches(String rawPath) {
        return rawPath.startsWith(rawPrefix) && (rawPath.length() == rawPrefix.length() || rawPath.charAt(rawPrefix.length()) == '/');
    }

    /** A copy of the environ with the prefix moved to SCRIPT_NAME. */
    Environ shift(Environ environ) {
        return environ.copy()
                .put(EnvironKeys.SCRIPT_NAME, environ.scriptName() + rawPrefix)
                .put(EnvironKeys.PATH_INFO, environ.pathInfo().substring(rawPrefix.length()));
    }
}
