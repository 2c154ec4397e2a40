package dev.gatehouse.web.session;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text form of session values: {@code key=value&key=value}, each side percent-encoded as
 * UTF-8. Used inside signed cookies and in the JDBC store. Decoding throws
 * {@link IllegalArgumentException} on malformed input, which callers treat as "no session".
 */
final class SessionData {
    private SessionData() {
    }

    static String encode(Map<String, String> data) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : data.entrySet()) {
            if (!out.isEmpty()) out.append('&');
            out.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> data = new LinkedHashMap<>();
        if (text.isEmpty()) return data;
        for (String pair : text.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("malformed session data");
            data.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return data;
    }

    /** A list of strings as one value (for flash messages). */
    static String encodeList(List<String> items) {
        StringBuilder out = new StringBuilder();
        for (String item : items) {
            if (!out.isEmpty()) out.append('&');
            out.append(URLEncoder.encode(item, StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    static List<String> decodeList(String text) {
        List<String> items = new ArrayList<>();
        if (text.isEmpty()) return items;
        try {
            for (String item : text.split("&", -1)) items.add(URLDecoder.decode(item, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        return items;
    }
}
