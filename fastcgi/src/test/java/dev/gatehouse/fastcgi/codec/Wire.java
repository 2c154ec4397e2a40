package dev.gatehouse.fastcgi.codec;

import dev.gatehouse.testkit.PieceInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Byte-level helpers for the codec tests: golden bytes written as hex, and capturing what an encoder writes. */
final class Wire {
    private Wire() {
    }

    interface Writing {
        void to(OutputStream out) throws IOException;
    }

    /** Bytes from hex, spaces and line breaks ignored: {@code hex("01 06 00 01")}. */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    static byte[] written(Writing writing) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writing.to(out);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** {@code length} bytes counting up from 0, wrapping at 256. */
    static byte[] counting(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) i;
        return b;
    }

    /** One record as raw bytes: header, content, {@code padding} zero bytes. */
    static byte[] record(int version, int type, int requestId, byte[] content, int padding) {
        return concat(new byte[] {(byte) version, (byte) type, (byte) (requestId >> 8), (byte) requestId,
            (byte) (content.length >> 8), (byte) content.length, (byte) padding, 0}, content, new byte[padding]);
    }

    static byte[] record(int type, int requestId, byte[] content) {
        return record(FcgiRecord.VERSION, type, requestId, content, 0);
    }

    /** Every record {@code in} holds, read until the clean end. */
    static List<FcgiRecord> decodeAll(InputStream in) throws IOException {
        FcgiRecordDecoder decoder = new FcgiRecordDecoder(in);
        List<FcgiRecord> records = new ArrayList<>();
        for (FcgiRecord r; (r = decoder.next()) != null; ) records.add(r);
        return records;
    }

    static List<FcgiRecord> decodeAll(byte[] bytes) throws IOException {
        return decodeAll(PieceInput.whole(bytes));
    }
}
