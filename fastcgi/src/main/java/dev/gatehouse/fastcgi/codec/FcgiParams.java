package dev.gatehouse.fastcgi.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * FastCGI name-value pairs (section 3.4): each length in 1 byte when under 128, else in 4 bytes
 * with the high bit set; then the name bytes and the value bytes. Strings carry bytes as
 * ISO-8859-1 characters, as the environ does.
 */
public final class FcgiParams {
    /** The largest length the 4-byte form can express. */
    public static final int MAX_LENGTH = Integer.MAX_VALUE;

    private FcgiParams() {
    }

    public static byte[] encode(Map<String, String> pairs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        pairs.forEach((name, value) -> encode(out, name, value));
        return out.toByteArray();
    }

    public static void encode(ByteArrayOutputStream out, String name, String value) {
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
        writeLength(out, n.length);
        writeLength(out, v.length);
        out.write(n, 0, n.length);
        out.write(v, 0, v.length);
    }

    static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 128) {
            out.write(length);
        } else {
            out.write(0x80 | (length >>> 24));
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
    }
}
