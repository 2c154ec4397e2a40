package dev.gatehouse.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * application/x-www-form-urlencoded, as the WHATWG URL standard defines it: pairs split on '&',
 * name and value on the first '=', '+' is a space, %XX a byte, the bytes UTF-8. Strict: a broken
 * escape or invalid UTF-8 is a 400 naming the field, never a silently mangled value.
 */
final class FormDecoder {
    private FormDecoder() {
    }

    /** Decodes {@code bytes[0..length)} into {@code into}; more than {@code maxFields} pairs are a 413 naming maxFormFields. */
    static void decode(byte[] bytes, int length, String where, FormData into, int maxFields) {
        int start = 0;
        int fields = 0;
        while (start <= length) {
            int amp = indexOf(bytes, (byte) '&', start, length);
            int end = amp < 0 ? length : amp;
            if (end > start) {
                if (++fields > maxFields) {
                    throw new PayloadTooLarge("the " + where + " has more than maxFormFields (" + maxFields + ") fields");
                }
                int eq = indexOf(bytes, (byte) '=', start, end);
                String name = decodeComponent(bytes, start, eq < 0 ? end : eq, where, null);
                String value = eq < 0 ? "" : decodeComponent(bytes, eq + 1, end, where, name);
                into.add(name, value);
            }
            start = end + 1;
        }
    }

    /** Decodes a query string (the environ keeps its bytes as ISO-8859-1 characters). */
    static void decodeQuery(String query, FormData into) {
        byte[] bytes = query.getBytes(StandardCharsets.ISO_8859_1);
        // the server's request-line limit (8 KiB) bounds a query already
        decode(bytes, bytes.length, "query string", into, Integer.MAX_VALUE);
    }

    private static String decodeComponent(byte[] b, int from, int to, String where, String field) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '+') {
                out[n++] = ' ';
            } else if (c == '%') {
                int hi = i + 2 < to ? Character.digit(b[i + 1], 16) : -1;
                int lo = i + 2 < to ? Character.digit(b[i + 2], 16) : -1;
                if (hi < 0 || lo < 0) throw new BadRequest("malformed percent escape in the " + where + describe(field));
                out[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else {
                out[n++] = c;
            }
        }
        return utf8(out, n, "the " + where + describe(field));
    }

    /** Strict UTF-8: invalid bytes are a 400 naming {@code what}. */
    static String utf8(byte[] bytes, int length, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest("invalid UTF-8 in " + what);
        }
    }

    private static String describe(String field) {
        return field == null ? " (a field name)" : " (field '" + field + "')";
    }

    private static int indexOf(byte[] b, byte x, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) return i;
        }
        return -1;
    }
}
