package dev.gatehouse.web.session;

import java.time.Instant;
import java.util.Map;

/**
 * Where server-side sessions live; the cookie then carries only the random id. Implementations
 * must be thread-safe: the {@link Sessions} middleware calls them from many requests at once.
 */
public interface SessionStore {
    /** A session as stored: its values and when it expires unless touched. */
    record Stored(Map<String, String> data, Instant expires) {
    }

    /** The session with this id, or null when there is none or it has expired. */
    Stored load(String id) throws Exception;

    /** Creates or replaces the session {@code id}. */
    void save(String id, Map<String, String> data, Instant expires) throws Exception;

    /** Moves the expiry of an unchanged session (sliding idle timeout). */
    void touch(String id, Instant expires) throws Exception;

    void delete(String id) throws Exception;
}
