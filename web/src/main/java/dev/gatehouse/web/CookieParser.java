package dev.gatehouse.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The request's {@code Cookie} header (RFC 6265 section 5.4: {@code name=value; name=value}). */
final class CookieParser {
    private CookieParser() {
    }

    static Map<String, String> parse(String header) {
        if (header == null || header.isEmpty()) return Map.of();
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            if (eq < 0) continue;
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            if (name.isEmpty() || !name.chars().allMatch(Cookie::isTokenChar)) continue;
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) value = value.substring(1, value.length() - 1);
            cookies.putIfAbsent(name, value);
        }
        return Collections.unmodifiableMap(cookies);
    }
}
