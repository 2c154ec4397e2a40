package dev.gatehouse.web.session;

import dev.gatehouse.api.Environ;
import dev.gatehouse.web.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session of one request: string keys to string values, an id, and the flags the
 * {@link Sessions} middleware reads to decide whether to send a cookie. Belongs to one request
 * (not thread-safe). Changes must be made before the response head is started: the session is
 * saved then, and a later change throws {@link IllegalStateException}.
 */
public final class Session {
    /** The environ key under which {@link Sessions} puts the request's session. */
    public static final String ENVIRON_KEY = "gatehouse.session";

    private static final String FLASH_KEY = "_flash";

    private final Map<String, String> data;
    private final boolean isNew;
    private final String loadedId;
    private final Instant expires;
    private String id;
    private boolean changed;
    private boolean invalidated;
    private boolean committed;

    Session(String id, Map<String, String> data, boolean isNew, Instant expires) {
        this.id = id;
        this.expires = expires;
        this.loadedId = id;
        this.data = new LinkedHashMap<>(data);
        this.isNew = isNew;
    }

    /**
     * The session of the request, as attached by the {@link Sessions} middleware.
     *
     * @throws IllegalStateException when the app is not wrapped in {@link Sessions}
     */
    public static Session of(Environ environ) {
        if (environ.get(ENVIRON_KEY) instanceof Session s) return s;
        throw new IllegalStateException("no session in the environ (key " + ENVIRON_KEY
                + "): wrap the application in the dev.gatehouse.web.session.Sessions middleware");
    }

    /** The session of a {@link dev.gatehouse.web.WebApp} request: {@code Session.of(req)} in a handler or processor. */
    public static Session of(Request request) {
        return of(request.environ());
    }

    public String id() {
        return id;
    }

    /** True when the request brought no valid session cookie. */
    public boolean isNew() {
        return isNew;
    }

    public String get(String key) {
        return data.get(key);
    }

    public String get(String key, String fallback) {
        return data.getOrDefault(key, fallback);
    }

    /** The value as an int, or {@code fallback} when absent or not a decimal int. */
    public int getInt(String key, int fallback) {
        String v = data.get(key);
        if (v == null || !v.matches("-?[0-9]{1,9}")) return fallback;
        return Integer.parseInt(v);
    }

    public boolean contains(String key) {
        return data.containsKey(key);
    }

    /** Sets a value; null removes the key. */
    public Session put(String key, String value) {
        if (value == null) return remove(key);
        checkOpen();
        if (key == null || key.isEmpty()) throw new IllegalArgumentException("session keys must not be empty");
        if (!value.equals(data.put(key, value))) changed = true;
        return this;
    }

    public Session put(String key, int value) {
        return put(key, Integer.toString(value));
    }

    public Session remove(String key) {
        checkOpen();
        if (data.remove(key) != null) changed = true;
        return this;
    }

    /** A read-only view of the values. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(data);
    }

    public boolean isEmpty() {
        return data.isEmpty();
    }

    /** Empties the session and ends it: the store forgets it and the browser's cookie is expired. */
    public void invalidate() {
        checkOpen();
        data.clear();
        invalidated = true;
        changed = true;
    }

    /**
     * Keeps the values under a new id, and forgets the old one. Call it on login (and on any
     * change of privilege) so that an id an attacker planted before the login is worthless.
     * Also replaces the CSRF token.
     */
    public void regenerate() {
        checkOpen();
        id = SessionIds.newId();
        data.remove(CsrfToken.SESSION_KEY);
        invalidated = false;
        changed = true;
    }

    /** Queues a message for the next page that calls {@link #takeFlashes()} (e.g. after a redirect). */
    public void flash(String message) {
        List<String> all = new ArrayList<>(peekFlashes());
        all.add(message);
        put(FLASH_KEY, SessionData.encodeList(all));
    }

    /** The queued flash messages, removed from the session. */
    public List<String> takeFlashes() {
        List<String> all = peekFlashes();
        if (!all.isEmpty()) remove(FLASH_KEY);
        return all;
    }

    private List<String> peekFlashes() {
        String raw = data.get(FLASH_KEY);
        return raw == null ? List.of() : SessionData.decodeList(raw);
    }

    boolean changed() {
        return changed;
    }

    boolean invalidated() {
        return invalidated;
    }

    /** The id the request came with (differs from {@link #id()} after {@link #regenerate()}). */
    String loadedId() {
        return loadedId;
    }

    /** When the loaded session would expire unless renewed; null for a new session. */
    Instant expires() {
        return expires;
    }

    void commit() {
        committed = true;
    }

    private void checkOpen() {
        if (committed) {
            throw new IllegalStateException("session changed after the response head was started;"
                    + " change the session before calling start_response");
        }
    }
}
