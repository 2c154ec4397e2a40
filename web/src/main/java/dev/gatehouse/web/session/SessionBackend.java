package dev.gatehouse.web.session;

import java.time.Instant;
import java.util.List;

/** Where the {@link Sessions} middleware keeps sessions: the cookie value in, the cookie value out. */
interface SessionBackend {
    /** The session one of the cookie values names, or null when none is valid. */
    Session load(List<String> cookieValues, Instant now) throws Exception;

    /** Saves the session and returns the cookie value that names it. */
    String save(Session session, Instant expires) throws Exception;

    /** Forgets the session (after {@link Session#invalidate()}). */
    void forget(Session session) throws Exception;
}
