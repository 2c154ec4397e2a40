package dev.gatehouse.examples;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a query string or an {@code application/x-www-form-urlencoded} body, in the
 * order sent. Names and values are percent-decoded as UTF-8, '+' is a space, a malformed
 * escape is kept as it was.
 */
record FormData(List<Field> fields) {
    record Field(String name, String value) {
    }

    /**
     * @param encoded the encoded form, one character per byte (as the environ holds the query,
     *                and as an ISO-8859-1 decoded body reads)
     */
    static FormData parse(String encoded) {
        List<Field> fields = new ArrayList<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            fields.add(new Field(decode(name), decode(value)));
        }
        return new FormData(List.copyOf(fields));
    }

    /** The first value of {@code name}, or null. */
    String first(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) return f.value();
        }
        return null;
    }

    private static String decode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0) {
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.write(c == '+' ? ' ' : c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
