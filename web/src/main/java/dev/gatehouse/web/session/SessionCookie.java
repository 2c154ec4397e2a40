package dev.gatehouse.web.session;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.PathCodec;
import java.util.ArrayList;
import java.util.List;

/** Reads the session cookie from the request and writes its {@code Set-Cookie} value. */
final class SessionCookie {
    /** Browsers keep cookies of at most 4096 bytes, name and value together (RFC 6265 section 6.1). */
    static final int MAX_COOKIE_BYTES = 4096;
    /** Cookies of our name looked at per request; more are ignored. */
    private static final int MAX_CANDIDATES = 4;

    private final SessionConfig config;

    SessionCookie(SessionConfig config) {
        this.config = config;
    }

    /** Every value sent under the cookie's name (several when paths overlap), first ones first. */
    List<String> values(Environ environ) {
        String header = environ.header("Cookie");
        List<String> values = new ArrayList<>(1);
        if (header == null) return values;
        for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            if (eq < 0 || !pair.substring(0, eq).strip().equals(config.cookieName())) continue;
            String value = pair.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) value = value.substring(1, value.length() - 1);
            if (!value.isEmpty()) values.add(value);
            if (values.size() == MAX_CANDIDATES) break;
        }
        return values;
    }

    String set(Environ environ, String value) {
        int size = config.cookieName().length() + 1 + value.length();
        if (size > MAX_COOKIE_BYTES) {
            throw new SessionTooLargeException("session cookie would be " + size + " bytes, over the " + MAX_COOKIE_BYTES
                    + "-byte limit browsers keep; store less in the session or use a server-side SessionStore");
        }
        return config.cookieName() + "=" + value + attributes(environ, config.maxAge().toSeconds());
    }

    String expire(Environ environ) {
        return config.cookieName() + "=" + attributes(environ, 0);
    }

    private String attributes(Environ environ, long maxAge) {
        StringBuilder out = new StringBuilder("; Path=").append(path(environ)).append("; Max-Age=").append(maxAge)
                .append("; HttpOnly; SameSite=Lax");
        if (secure(environ)) out.append("; Secure");
        return out.toString();
    }

    private String path(Environ environ) {
        if (config.path() != null) return config.path();
        String script = environ.scriptName();
        return script.isEmpty() ? "/" : PathCodec.encode(script).replace(";", "%3B");
    }

    private boolean secure(Environ environ) {
        return switch (config.secure()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> environ.urlScheme().equals("https");
        };
    }
}
