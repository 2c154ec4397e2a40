package dev.gatehouse.uwsgi.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds uwsgi bytes by hand for golden tests: {@code Bytes.of().u8(0).u16(5).text("abc")}. */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Bytes of() {
        return new Bytes();
    }

    Bytes u8(int b) {
        out.write(b);
        return this;
    }

    /** A little-endian 16-bit number. */
    Bytes u16(int n) {
        out.write(n & 0xFF);
        out.write(n >> 8 & 0xFF);
        return this;
    }

    Bytes text(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    /** A key-value pair with correct lengths. */
    Bytes pair(String key, String value) {
        return u16(key.length()).text(key).u16(value.length()).text(value);
    }

    Bytes raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
