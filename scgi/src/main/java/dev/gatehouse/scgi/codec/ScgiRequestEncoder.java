package dev.gatehouse.scgi.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes the header of an SCGI request, the web server's side of {@link ScgiRequestDecoder}: a
 * netstring of NUL-terminated names and values, CONTENT_LENGTH first (the length given here, not
 * one from the map), SCGI=1 second, then the other variables in the map's order (CONTENT_LENGTH
 * and SCGI in the map are dropped). The body follows the header on the wire, unframed.
 *
 * <p>A name that is empty, or a name or value with a NUL or a char above U+00FF, cannot be
 * sent and is refused with an {@link ScgiException} (400: the request carries what SCGI cannot).
 */
public final class ScgiRequestEncoder {
    private ScgiRequestEncoder() {
    }

    public static byte[] encode(Map<String, String> variables, long contentLength) throws ScgiException {
        if (contentLength < 0) throw new IllegalArgumentException("content length must not be negative: " + contentLength);
        ByteArrayOutputStream pairs = new ByteArrayOutputStream(1024);
        pair(pairs, ScgiRequestDecoder.CONTENT_LENGTH, Long.toString(contentLength));
        pair(pairs, ScgiRequestDecoder.SCGI, ScgiRequestDecoder.VERSION);
        for (Map.Entry<String, String> e : variables.entrySet()) {
            String name = e.getKey();
            if (name.equals(ScgiRequestDecoder.CONTENT_LENGTH) || name.equals(ScgiRequestDecoder.SCGI)) continue;
            if (name.isEmpty()) throw new ScgiException("an SCGI variable cannot have an empty name");
            check(name, "name", name);
            check(e.getValue(), "value", name);
            pair(pairs, name, e.getValue());
        }
        byte[] length = (pairs.size() + ":").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(length.length + pairs.size() + 1);
        out.writeBytes(length);
        out.writeBytes(pairs.toByteArray());
        out.write(',');
        return out.toByteArray();
    }

    private static void check(String s, String what, String name) throws ScgiException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) throw new ScgiException("the " + what + " of SCGI variable " + printable(name) + " contains NUL, which SCGI cannot carry");
            if (c > 0xFF) throw new ScgiException("the " + what + " of SCGI variable " + printable(name) + " has a char above U+00FF (not one byte)");
        }
    }

    private static void pair(ByteArrayOutputStream out, String name, String value) {
        out.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
        out.write(0);
        out.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
        out.write(0);
    }

    private static String printable(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }
}
