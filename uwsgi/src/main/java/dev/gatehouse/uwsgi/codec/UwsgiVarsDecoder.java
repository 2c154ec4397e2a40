package dev.gatehouse.uwsgi.codec;

import dev.gatehouse.core.Latin1StringCache;
import dev.gatehouse.core.VariableSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes a uwsgi vars block, strictly. The block is a run of pairs, nothing else:
 * <pre>
 *   u16 (little-endian) key length,   the key bytes     (1..65535 bytes)
 *   u16 (little-endian) value length, the value bytes   (0..65535 bytes)
 * </pre>
 * Rejected (400) are: a length that reaches past the end of the block, bytes left over after the
 * last pair, an empty key, and a key sent twice; a block longer than {@code maxBlockBytes} or with
 * more than {@code maxVars} pairs is rejected with 431. Keys and values become strings byte for
 * byte (ISO-8859-1), as every other adapter's environ.
 *
 * <p>One kind of repeated key is not an error: a web server passes each request header field line
 * as its own {@code HTTP_*} var, so a header sent twice (nginx before 1.23 does not combine them)
 * arrives as the same key twice. Those are combined as RFC 9110 section 5.3 combines field lines:
 * values joined with {@code ", "}, except {@code HTTP_COOKIE}, joined with {@code "; "} (RFC 6265
 * section 5.4). Any other repeated key, CONTENT_LENGTH or PATH_INFO for instance, is a bad request:
 * which of two values a backend would believe is exactly what request smuggling exploits.
 */
public final class UwsgiVarsDecoder {
    /** The most vars in one request (LIMITS.md). */
    public static final int DEFAULT_MAX_VARS = 1000;
    private static final String HTTP_PREFIX = "HTTP_";
    private static final String COOKIE = "HTTP_COOKIE";

    private final int maxBlockBytes;
    private final int maxVars;
    private final Latin1StringCache strings = new Latin1StringCache();

    /**
     * @param maxBlockBytes the largest vars block accepted (at most {@link UwsgiPacketHeader#MAX_DATASIZE} can arrive)
     * @param maxVars the most pairs accepted
     */
    public UwsgiVarsDecoder(int maxBlockBytes, int maxVars) {
        if (maxBlockBytes < 0) throw new IllegalArgumentException("maxBlockBytes must not be negative");
        if (maxVars < 1) throw new IllegalArgumentException("maxVars must be at least 1");
        this.maxBlockBytes = maxBlockBytes;
        this.maxVars = maxVars;
    }

    /** The format's own maximum (65535 bytes) and {@link #DEFAULT_MAX_VARS} pairs. */
    public static UwsgiVarsDecoder withDefaults() {
        return new UwsgiVarsDecoder(UwsgiPacketHeader.MAX_DATASIZE, DEFAULT_MAX_VARS);
    }

    /** Throws 431 when a header announces a vars block over the limit, before any of it is read. */
    public void checkSize(UwsgiPacketHeader header) throws UwsgiException {
        if (header.datasize() > maxBlockBytes) {
            throw new UwsgiException(431, "uwsgi vars block of " + header.datasize() + " bytes is over the limit of " + maxBlockBytes
                    + " bytes (the uwsgi format itself allows at most " + UwsgiPacketHeader.MAX_DATASIZE + ")");
        }
    }

    /** Reads the vars block {@code header} announces from {@code in} (no byte more) and decodes it. */
    public Map<String, String> read(InputStream in, UwsgiPacketHeader header) throws IOException {
        checkSize(header);
        int size = header.datasize();
        byte[] block = in.readNBytes(size);
        if (block.length < size) {
            throw new UwsgiException("connection closed inside the uwsgi vars block (" + block.length + " of " + size + " bytes)");
        }
        return decode(block, 0, size);
    }

    /** Decodes the whole block {@code b[off, off+len)}; the pairs in the order sent. */
    public Map<String, String> decode(byte[] b, int off, int len) throws UwsgiException {
        Map<String, String> vars = new LinkedHashMap<>();
        decode(b, off, len, VariableSink.of(vars));
        return vars;
    }

    /** Decodes the whole block {@code b[off, off+len)} into {@code vars} (a server's environ), with the same checks. */
    public void decode(byte[] b, int off, int len, VariableSink vars) throws UwsgiException {
        if (len > maxBlockBytes) {
            throw new UwsgiException(431, "uwsgi vars block of " + len + " bytes is over the limit of " + maxBlockBytes + " bytes");
        }
        int end = off + len;
        int pos = off;
        int count = 0;
        while (pos < end) {
            int at = pos - off;
            if (++count > maxVars) throw new UwsgiException(431, "more than " + maxVars + " uwsgi vars");
            int keyLength = length(b, pos, end, null, at);
            pos += 2;
            if (keyLength == 0) throw new UwsgiException("uwsgi var with an empty key at offset " + at + " of the vars block");
            if (keyLength > end - pos) throw overrun("key", keyLength, at, end - pos);
            String key = strings.get(b, pos, keyLength);
            pos += keyLength;
            int valueLength = length(b, pos, end, key, at);
            pos += 2;
            if (valueLength > end - pos) throw overrun("value of " + key, valueLength, at, end - pos);
            String value = strings.get(b, pos, valueLength);
            pos += valueLength;
            put(vars, key, value);
        }
    }

    private static void put(VariableSink vars, String key, String value) throws UwsgiException {
        String earlier = vars.putIfAbsent(key, value);
        if (earlier == null) return;
        if (!key.startsWith(HTTP_PREFIX) || key.length() == HTTP_PREFIX.length()) {
            throw new UwsgiException("uwsgi var " + key + " sent twice");
        }
        vars.replace(key, earlier + (key.equals(COOKIE) ? "; " : ", ") + value);
    }

    /** The u16-LE length at {@code b[pos]} of a key (key null) or of {@code key}'s value; throws if the block ends before its two bytes. */
    private static int length(byte[] b, int pos, int end, String key, int pairOffset) throws UwsgiException {
        if (end - pos < 2) {
            String what = key == null ? "key" : "value of " + key;
            throw new UwsgiException("uwsgi vars block ends inside the length of a " + what + " (pair at offset " + pairOffset
                    + ", " + (end - pos) + " byte(s) left over)");
        }
        return (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
    }

    private static UwsgiException overrun(String what, int length, int pairOffset, int left) {
        return new UwsgiException("uwsgi " + what + " of " + length + " bytes runs past the end of the vars block (pair at offset "
                + pairOffset + ", " + left + " bytes left)");
    }
}
