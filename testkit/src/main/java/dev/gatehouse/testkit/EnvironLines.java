package dev.gatehouse.testkit;

import dev.gatehouse.api.Environ;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The environ as the {@link FixtureApps#environ()} fixture reports it: one {@code key=value} line
 * per key, sorted. Strings are their ISO-8859-1 bytes with {@code \} and LF escaped as {@code \\}
 * and {@code \n}; booleans are {@code true}/{@code false}; other objects are {@code <ClassName>}.
 */
public final class EnvironLines {
    private EnvironLines() {
    }

    public static byte[] format(Environ environ) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String key : new TreeSet<>(environ.keys())) {
            Object value = environ.get(key);
            String text = value instanceof String s ? s.replace("\\", "\\\\").replace("\n", "\\n")
                    : value instanceof Boolean b ? b.toString()
                    : "<" + value.getClass().getSimpleName() + ">";
            out.writeBytes((key + "=" + text + "\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    /** Parses {@link #format}'s output back into a map; values keep their ISO-8859-1 characters. */
    public static Map<String, String> parse(byte[] body) {
        Map<String, String> environ = new LinkedHashMap<>();
        for (String line : new String(body, StandardCharsets.ISO_8859_1).split("\n")) {
            if (line.isEmpty()) continue;
            int eq = line.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("not a key=value line: " + line);
            environ.put(line.substring(0, eq), unescape(line.substring(eq + 1)));
        }
        return environ;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                b.append(next == 'n' ? '\n' : next);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
