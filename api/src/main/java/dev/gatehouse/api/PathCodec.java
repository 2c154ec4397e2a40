package dev.gatehouse.api;

/**
 * Percent-decoding and -encoding of URL paths (RFC 3986), byte-exact: decoded bytes come back as
 * ISO-8859-1 characters, as in the environ. Not {@code URLDecoder}: '+' means '+' in a path.
 */
public final class PathCodec {
    private PathCodec() {
    }

    private static final String HEX = "0123456789ABCDEF";

    /** Decodes {@code %XX} escapes; returns null if an escape is malformed. */
    public static String decode(String raw) {
        int pct = raw.indexOf('%');
        if (pct < 0) return raw;
        StringBuilder out = new StringBuilder(raw.length());
        out.append(raw, 0, pct);
        for (int i = pct; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 2 >= raw.length()) return null;
            int hi = Character.digit(raw.charAt(i + 1), 16);
            int lo = Character.digit(raw.charAt(i + 2), 16);
            if (hi < 0 || lo < 0 || raw.charAt(i + 1) > 'f' || raw.charAt(i + 2) > 'f') return null;
            out.append((char) (hi << 4 | lo));
            i += 2;
        }
        return out.toString();
    }

    /** Encodes every byte that is not an RFC 3986 pchar or '/'. */
    public static String encode(String path) {
        StringBuilder out = null;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
            if (safe) {
                if (out != null) out.append(c);
                continue;
            }
            if (out == null) out = new StringBuilder(path.length() + 8).append(path, 0, i);
            int b = c & 0xFF;
            out.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 15));
        }
        return out == null ? path : out.toString();
    }
}
