package dev.gatehouse.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code ; name=value} parameters of Content-Type and Content-Disposition. Quoted values are
 * taken literally up to the closing quote (browsers percent-encode quotes in field names and
 * send Windows paths with raw backslashes, so backslash is not an escape here).
 */
final class HeaderParams {
    private HeaderParams() {
    }

    /** The value before the first ';', stripped. */
    static String mainValue(String header) {
        int semi = header.indexOf(';');
        return (semi < 0 ? header : header.substring(0, semi)).strip();
    }

    /** Parameter names lower-cased; the first of a repeated name wins. */
    static Map<String, String> parse(String header) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            i = skipSpace(header, i + 1);
            int eq = header.indexOf('=', i);
            if (eq < 0) break;
            String name = header.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            int v = skipSpace(header, eq + 1);
            String value;
            if (v < header.length() && header.charAt(v) == '"') {
                int close = header.indexOf('"', v + 1);
                if (close < 0) throw new BadRequest("unterminated quoted parameter in a header");
                value = header.substring(v + 1, close);
                i = header.indexOf(';', close);
            } else {
                int semi = header.indexOf(';', v);
                value = (semi < 0 ? header.substring(v) : header.substring(v, semi)).strip();
                i = semi;
            }
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        return i;
    }
}
