package dev.gatehouse.web.session;

import dev.gatehouse.api.Environ;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The per-session CSRF token: 256 random bits, created the first time a page asks for it and
 * kept in the session until the session is regenerated or invalidated. A request proves it came
 * from one of our pages by sending it back in the form field {@link #FIELD} or the header
 * {@link #HEADER}.
 */
public final class CsrfToken {
    /** The name of the hidden form field that carries the token. */
    public static final String FIELD = "_csrf";
    /** The request header that may carry the token instead (for scripts: fetch, XHR). */
    public static final String HEADER = "X-CSRF-Token";
    static final String SESSION_KEY = "_csrf";

    private CsrfToken() {
    }

    /** The token of the request's session, created if the session has none yet. */
    public static String of(Environ environ) {
        Session session = Session.of(environ);
        String token = session.get(SESSION_KEY);
        if (token == null) {
            token = SessionIds.newId();
            session.put(SESSION_KEY, token);
        }
        return token;
    }

    /** True when {@code candidate} is the session's token (compared in constant time). */
    public static boolean matches(Environ environ, String candidate) {
        String token = Session.of(environ).get(SESSION_KEY);
        if (token == null || candidate == null) return false;
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII), candidate.getBytes(StandardCharsets.ISO_8859_1));
    }
}
