package dev.gatehouse.middleware;

import dev.gatehouse.api.Header;
import java.util.ArrayList;
import java.util.List;

/**
 * The small pieces of RFC 9110 field syntax the middleware parse: comma-separated lists whose
 * elements may hold quoted strings (section 5.6.1), optional whitespace (SP and HTAB only, never
 * {@code String.strip()}, which also eats control bytes), and weights ({@code q=0.5}, section
 * 12.4.2).
 */
final class HeaderLists {
    private HeaderLists() {
    }

    /**
     * Splits a list field at the commas that are not inside a quoted string, drops empty
     * elements, and trims OWS around each. An unterminated quoted string yields null: the whole
     * field is malformed.
     */
    static List<String> split(String field, char separator) {
        List<String> out = new ArrayList<>();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (quoted) {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                addTrimmed(out, field, start, i);
                start = i + 1;
            }
        }
        if (quoted) return null;
        addTrimmed(out, field, start, field.length());
        return out;
    }

    static List<String> split(String field) {
        return split(field, ',');
    }

    private static void addTrimmed(List<String> out, String s, int from, int to) {
        String t = trimOws(s.substring(from, to));
        if (!t.isEmpty()) out.add(t);
    }

    static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    /** Strips spaces and tabs, and nothing else, from both ends. */
    static String trimOws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isOws(s.charAt(from))) from++;
        while (to > from && isOws(s.charAt(to - 1))) to--;
        return s.substring(from, to);
    }

    /** ASCII-only lower case (no locale, no Kelvin sign surprises). */
    static String lower(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (b == null) b = new StringBuilder(s);
                b.setCharAt(i, (char) (c + 32));
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * The weight of one list element such as {@code gzip;q=0.8} or {@code text/html;level=1;q=0}:
     * 1000 times its q-value (so 0..1000), 1000 when it has none, -1 when its q is malformed.
     */
    static int weight(String element) {
        List<String> params = split(element, ';');
        if (params == null) return -1;
        for (int i = 1; i < params.size(); i++) {
            String p = params.get(i);
            if (p.length() >= 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                return parseQ(p.substring(2));
            }
        }
        return 1000;
    }

    /** The part of a list element before its parameters, trimmed and lower-cased. */
    static String name(String element) {
        int semi = element.indexOf(';');
        return lower(trimOws(semi < 0 ? element : element.substring(0, semi)));
    }

    /** {@code qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )}, in thousandths; -1 if malformed. */
    static int parseQ(String q) {
        if (q.isEmpty() || q.length() > 5) return -1;
        char first = q.charAt(0);
        if (first != '0' && first != '1') return -1;
        int value = (first - '0') * 1000;
        if (q.length() == 1) return value;
        if (q.charAt(1) != '.') return -1;
        int scale = 100;
        for (int i = 2; i < q.length(); i++, scale /= 10) {
            char c = q.charAt(i);
            if (c < '0' || c > '9') return -1;
            value += (c - '0') * scale;
        }
        return value > 1000 ? -1 : value;
    }

    /** Adds {@code field} to the (first) Vary header, or adds a Vary header, unless Vary already covers it. */
    static List<Header> withVary(List<Header> headers, String field) {
        int first = -1;
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            if (!h.is("Vary")) continue;
            if (first < 0) first = i;
            List<String> fields = split(h.value());
            if (fields == null) continue;
            for (String f : fields) {
                if (f.equals("*") || lower(f).equals(lower(field))) return headers;
            }
        }
        List<Header> out = new ArrayList<>(headers);
        if (first < 0) {
            out.add(Header.of("Vary", field));
        } else {
            Header vary = headers.get(first);
            String value = trimOws(vary.value());
            out.set(first, Header.of(vary.name(), value.isEmpty() ? field : value + ", " + field));
        }
        return out;
    }
}
