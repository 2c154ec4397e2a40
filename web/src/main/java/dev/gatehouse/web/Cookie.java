package dev.gatehouse.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A cookie to set, as one {@code Set-Cookie} header (RFC 6265). Names must be tokens and values
 * cookie-octets (no spaces, quotes, commas, semicolons or backslashes; encode anything else
 * yourself); both are checked when the cookie is made. Build with {@code Cookie.of(name, value)}
 * and the {@code with} methods.
 *
 * @param maxAge null for a session cookie; zero deletes the cookie
 * @param expires null for none
 * @param sameSite null to leave the attribute out
 */
public record Cookie(String name, String value, String path, String domain, Duration maxAge, Instant expires,
                     boolean secure, boolean httpOnly, SameSite sameSite) {

    public enum SameSite { LAX("Lax"), STRICT("Strict"), NONE("None");
        private final String text;

        SameSite(String text) {
            this.text = text;
        }
    }

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final String SEPARATORS = "()<>@,;:\\\"/[]?={} \t";

    public Cookie {
        if (name == null || name.isEmpty() || !name.chars().allMatch(Cookie::isTokenChar)) {
            throw new IllegalArgumentException("cookie name must be a non-empty RFC 6265 token: " + name);
        }
        if (value == null || !isCookieValue(value)) {
            throw new IllegalArgumentException("cookie value has characters RFC 6265 forbids (encode it first): " + name);
        }
        checkAttribute("Path", path);
        checkAttribute("Domain", domain);
        if (maxAge != null && maxAge.isNegative()) throw new IllegalArgumentException("cookie Max-Age must not be negative");
        if (sameSite == SameSite.NONE && !secure) {
            throw new IllegalArgumentException("SameSite=None needs Secure (browsers drop the cookie otherwise)");
        }
    }

    /** A session cookie with Path=/ and HttpOnly, the safe default; change it with the {@code with} methods. */
    public static Cookie of(String name, String value) {
        return new Cookie(name, value, "/", null, null, null, false, true, null);
    }

    /** A cookie that tells the browser to delete {@code name} (at Path=/). */
    public static Cookie deleting(String name) {
        return of(name, "").withMaxAge(Duration.ZERO).withExpires(Instant.EPOCH);
    }

    public Cookie withPath(String p) {
        return new Cookie(name, value, p, domain, maxAge, expires, secure, httpOnly, sameSite);
    }

    public Cookie withDomain(String d) {
        return new Cookie(name, value, path, d, maxAge, expires, secure, httpOnly, sameSite);
    }

    public Cookie withMaxAge(Duration age) {
        return new Cookie(name, value, path, domain, age, expires, secure, httpOnly, sameSite);
    }

    public Cookie withExpires(Instant when) {
        return new Cookie(name, value, path, domain, maxAge, when, secure, httpOnly, sameSite);
    }

    public Cookie withSecure(boolean on) {
        return new Cookie(name, value, path, domain, maxAge, expires, on, httpOnly, sameSite);
    }

    public Cookie withHttpOnly(boolean on) {
        return new Cookie(name, value, path, domain, maxAge, expires, secure, on, sameSite);
    }

    public Cookie withSameSite(SameSite s) {
        return new Cookie(name, value, path, domain, maxAge, expires, secure || s == SameSite.NONE, httpOnly, s);
    }

    /** The {@code Set-Cookie} header value. */
    public String toHeaderValue() {
        StringBuilder sb = new StringBuilder(name).append('=').append(value);
        if (path != null) sb.append("; Path=").append(path);
        if (domain != null) sb.append("; Domain=").append(domain);
        if (maxAge != null) sb.append("; Max-Age=").append(maxAge.toSeconds());
        if (expires != null) sb.append("; Expires=").append(HTTP_DATE.format(expires));
        if (secure) sb.append("; Secure");
        if (httpOnly) sb.append("; HttpOnly");
        if (sameSite != null) sb.append("; SameSite=").append(sameSite.text);
        return sb.toString();
    }

    static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && SEPARATORS.indexOf(c) < 0;
    }

    private static boolean isCookieValue(String v) {
        String inner = v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
        return inner.chars().allMatch(c -> c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a)
                || (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e));
    }

    private static void checkAttribute(String what, String v) {
        if (v != null && (v.isEmpty() || v.chars().anyMatch(c -> c < 0x20 || c >= 0x7f || c == ';'))) {
            throw new IllegalArgumentException("cookie " + what + " must be non-empty printable ASCII without ';': " + v);
        }
    }
}
