package dev.gatehouse.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Bytes written as readable text, so tests and corpus files can say exactly which bytes go on the
 * wire: {@code \r}, {@code \n}, {@code \t}, {@code \\}, {@code \xHH}, and {@code {{N*TEXT}}} for
 * TEXT repeated N times (TEXT may hold escapes, not another repetition). Every other character
 * stands for its UTF-8 bytes, so non-ASCII text can be written as itself.
 */
public final class EscapedBytes {
    private EscapedBytes() {
    }

    public static byte[] decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("{{", i)) {
                int end = text.indexOf("}}", i);
                int star = text.indexOf('*', i);
                if (end < 0 || star < 0 || star > end) throw new IllegalArgumentException("bad repetition at " + i + ": " + text);
                int times = Integer.parseInt(text.substring(i + 2, star));
                byte[] unit = decode(text.substring(star + 1, end));
                for (int k = 0; k < times; k++) out.writeBytes(unit);
                i = end + 2;
            } else if (text.charAt(i) == '\\') {
                i = decodeEscape(text, i, out);
            } else {
                int cp = text.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return out.toByteArray();
    }

    private static int decodeEscape(String text, int i, ByteArrayOutputStream out) {
        if (i + 1 >= text.length()) throw new IllegalArgumentException("dangling backslash: " + text);
        char c = text.charAt(i + 1);
        switch (c) {
            case 'r' -> out.write('\r');
            case 'n' -> out.write('\n');
            case 't' -> out.write('\t');
            case '\\' -> out.write('\\');
            case 'x' -> {
                if (i + 4 > text.length()) throw new IllegalArgumentException("\\x needs two hex digits: " + text);
                out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
                return i + 4;
            }
            default -> throw new IllegalArgumentException("unknown escape \\" + c + " in: " + text);
        }
        return i + 2;
    }

    /** The bytes as one line of printable ASCII (the inverse of {@link #decode}, without repetitions). */
    public static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }

    public static String encode(byte[] bytes, int offset, int length) {
        StringBuilder b = new StringBuilder(length + 16);
        for (int i = offset; i < offset + length; i++) {
            int c = bytes[i] & 0xFF;
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c >= 0x7F) b.append(String.format("\\x%02x", c));
                    else b.append((char) c);
                }
            }
        }
        return b.toString();
    }

    /** Like {@link #encode} but cut to about {@code max} bytes, for assertion messages. */
    public static String abbreviate(byte[] bytes, int max) {
        if (bytes.length <= max) return encode(bytes);
        return encode(bytes, 0, max) + "... (" + bytes.length + " bytes)";
    }
}
