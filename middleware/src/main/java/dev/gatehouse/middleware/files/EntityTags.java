package dev.gatehouse.middleware.files;

/**
 * Entity tags (RFC 9110 section 8.8.3): the strong tag of a file, and the two comparisons of
 * section 8.8.3.2 against a request's list of tags ({@code If-Match}, {@code If-None-Match}).
 */
final class EntityTags {
    private EntityTags() {
    }

    /**
     * The strong tag of a file as nginx spells it, {@code "hex(mtime)-hex(size)"}, so a file
     * served by either has the same tag; a content coding appends {@code -br} or {@code -gzip},
     * keeping each representation's tag distinct.
     */
    static String of(long mtimeSeconds, long size, String coding) {
        StringBuilder b = new StringBuilder(32).append('"').append(Long.toHexString(mtimeSeconds))
                .append('-').append(Long.toHexString(size));
        if (coding != null) b.append('-').append(coding);
        return b.append('"').toString();
    }

    /** {@code If-None-Match}: {@code *}, or any tag of the list equal to {@code etag} ignoring weakness. */
    static boolean weakMatch(String header, String etag) {
        return matches(header, etag, false);
    }

    /** {@code If-Match} and {@code If-Range}: {@code *}, or a strong tag of the list equal to {@code etag}. */
    static boolean strongMatch(String header, String etag) {
        return matches(header, etag, true);
    }

    /** True if the value looks like an entity tag rather than a date ({@code If-Range}). */
    static boolean isTag(String value) {
        String v = value.strip();
        return v.startsWith("\"") || v.startsWith("W/\"");
    }

    /**
     * Walks {@code #entity-tag} (or {@code *}); a malformed list matches nothing past the point
     * where it breaks. {@code etag} may be null (no tag for the file): then only {@code *} matches.
     */
    private static boolean matches(String header, String etag, boolean strong) {
        String list = header.strip();
        if (list.equals("*")) return true;
        if (etag == null) return false;
        int i = 0;
        int n = list.length();
        while (i < n) {
            char c = list.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            boolean weak = false;
            if (c == 'W' && i + 1 < n && list.charAt(i + 1) == '/') {
                weak = true;
                i += 2;
            }
            if (i >= n || list.charAt(i) != '"') return false;
            int close = list.indexOf('"', i + 1);
            if (close < 0) return false;
            for (int k = i + 1; k < close; k++) {
                char e = list.charAt(k);
                if (e < 0x21 || e == 0x7F) return false; // etagc: %x21 / %x23-7E / obs-text
            }
            boolean equal = list.regionMatches(i, etag, 0, etag.length()) && close + 1 - i == etag.length();
            if (equal && !(strong && weak)) return true;
            i = close + 1;
            while (i < n && (list.charAt(i) == ' ' || list.charAt(i) == '\t')) i++;
            if (i < n && list.charAt(i) != ',') return false;
        }
        return false;
    }
}
