package dev.gatehouse.http1.codec;

import java.nio.charset.StandardCharsets;

/**
 * Shared strings for the header names browsers and tools send most, so the hot path allocates
 * no name or environ-key strings for them; other names are built once per request.
 */
final class Http1HeaderNames {
    private static final String[] COMMON = {
        "Host", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Connection", "Content-Type",
        "Content-Length", "Transfer-Encoding", "Cookie", "Referer", "Origin", "Authorization", "Cache-Control",
        "Upgrade-Insecure-Requests", "If-None-Match", "If-Modified-Since", "Expect", "Range", "Pragma",
        "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Requested-With", "Sec-Fetch-Site",
        "Sec-Fetch-Mode", "Sec-Fetch-Dest", "Sec-Fetch-User", "DNT", "TE", "Keep-Alive", "Upgrade", "Via",
        "Forwarded", "Priority", "If-Range", "If-Match", "Accept-Charset", "Content-Encoding", "Trailer"
    };
    private static final byte[][] LOWER = new byte[COMMON.length][];
    private static final String[] KEYS = new String[COMMON.length];

    static {
        for (int i = 0; i < COMMON.length; i++) {
            LOWER[i] = COMMON[i].toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            KEYS[i] = environKey(COMMON[i]);
        }
    }

    private Http1HeaderNames() {
    }

    /** Index of the common name equal (ASCII case-insensitively) to {@code buf[from, to)}, or -1. */
    static int lookup(byte[] buf, int from, int to) {
        int len = to - from;
        outer:
        for (int i = 0; i < LOWER.length; i++) {
            byte[] lower = LOWER[i];
            if (lower.length != len) continue;
            for (int j = 0; j < len; j++) {
                int c = buf[from + j];
                if (c >= 'A' && c <= 'Z') c += 32;
                if (c != lower[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    static String name(int index) {
        return COMMON[index];
    }

    static String key(int index) {
        return KEYS[index];
    }

    /** {@code Content-Type} and {@code Content-Length} keep their CGI names; others get {@code HTTP_}. */
    static String environKey(String name) {
        StringBuilder key = new StringBuilder(name.length() + 5);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') return null;
            key.append(c == '-' ? '_' : (c >= 'a' && c <= 'z') ? (char) (c - 32) : c);
        }
        String k = key.toString();
        return k.equals("CONTENT_TYPE") || k.equals("CONTENT_LENGTH") ? k : "HTTP_" + k;
    }
}
