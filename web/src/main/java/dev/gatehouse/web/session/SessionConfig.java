package dev.gatehouse.web.session;

import java.time.Clock;
import java.time.Duration;

/**
 * How the {@link Sessions} middleware names and sends its cookie.
 *
 * @param cookieName the cookie's name
 * @param maxAge     how long a session lives without being renewed; a session is renewed (new
 *                   expiry, cookie sent again) on a request past half of its life, so this is an
 *                   idle timeout
 * @param secure     when to add the {@code Secure} attribute
 * @param path       the cookie's {@code Path}, or null for the app's SCRIPT_NAME (or "/")
 * @param clock      the time source for expiry
 */
public record SessionConfig(String cookieName, Duration maxAge, SecureMode secure, String path, Clock clock) {
    public static final String DEFAULT_COOKIE_NAME = "gh_session";
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

    /** When the cookie gets the {@code Secure} attribute. */
    public enum SecureMode {
        /** When the request's url_scheme is https (put ProxyHeaders in front behind a TLS proxy). */
        AUTO,
        ALWAYS,
        NEVER
    }

    public SessionConfig {
        if (cookieName == null || !cookieName.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("cookie name must be 1-64 letters, digits, '_', '.' or '-': " + cookieName);
        }
        if (maxAge == null || maxAge.toSeconds() < 1) throw new IllegalArgumentException("maxAge must be at least one second");
        if (secure == null) secure = SecureMode.AUTO;
        if (path != null && (!path.startsWith("/") || !path.matches("[\\x21-\\x7e&&[^;]]*"))) {
            throw new IllegalArgumentException("cookie path must start with '/' and hold no ';', space or control: " + path);
        }
        if (clock == null) clock = Clock.systemUTC();
    }

    public static SessionConfig defaults() {
        return new SessionConfig(DEFAULT_COOKIE_NAME, DEFAULT_MAX_AGE, SecureMode.AUTO, null, Clock.systemUTC());
    }

    public SessionConfig withCookieName(String name) {
        return new SessionConfig(name, maxAge, secure, path, clock);
    }

    public SessionConfig withMaxAge(Duration age) {
        return new SessionConfig(cookieName, age, secure, path, clock);
    }

    public SessionConfig withSecure(SecureMode mode) {
        return new SessionConfig(cookieName, maxAge, mode, path, clock);
    }

    public SessionConfig withPath(String cookiePath) {
        return new SessionConfig(cookieName, maxAge, secure, cookiePath, clock);
    }

    public SessionConfig withClock(Clock c) {
        return new SessionConfig(cookieName, maxAge, secure, path, c);
    }
}
