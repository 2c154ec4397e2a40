package dev.gatehouse.fastcgi.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes a PARAMS (or GET_VALUES) stream fed record by record: a pair may span records, so
 * incomplete bytes wait for the next one. Bounded in total bytes and in pairs; the stream must
 * end on a pair boundary. A name sent twice keeps its last value.
 */
public final class FcgiParamsDecoder {
    private final int maxBytes;
    private final int maxPairs;
    private final Map<String, String> pairs = new LinkedHashMap<>();
    private byte[] pending = new byte[0];
    private int pendingLength;
    private long total;
    private int count;

    public FcgiParamsDecoder(int maxBytes, int maxPairs) {
        this.maxBytes = maxBytes;
        this.maxPairs = maxPairs;
    }

    /** Feeds one record's content. */
    public void feed(byte[] content) throws FcgiException {
        total += content.length;
        if (total > maxBytes) throw new FcgiException("FastCGI params larger than " + maxBytes + " bytes");
        if (pendingLength + content.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + content.length));
        }
        System.arraycopy(content, 0, pending, pendingLength, content.length);
        pendingLength += content.length;
        int used = parse(pending, pendingLength);
        if (used == 0) return; // a pair still incomplete: moving it onto itself would make many small records cost quadratic time
        System.arraycopy(pending, used, pending, 0, pendingLength - used);
        pendingLength -= used;
    }

    /** The stream ended (an empty record): returns the pairs, or throws if a pair was cut short. */
    public Map<String, String> finish() throws FcgiException {
        if (pendingLength > 0) throw new FcgiException("FastCGI params end in the middle of a name-value pair");
        return pairs;
    }

    /** Parses whole pairs from {@code b[0, len)}; returns how many bytes they used. */
    private int parse(byte[] b, int len) throws FcgiException {
        int pos = 0;
        while (pos < len) {
            int start = pos;
            long nameLength = length(b, pos, len);
            if (nameLength < 0) return start;
            pos += (b[pos] & 0x80) != 0 ? 4 : 1;
            long valueLength = length(b, pos, len);
            if (valueLength < 0) return start;
            pos += (b[pos] & 0x80) != 0 ? 4 : 1;
            if (nameLength + valueLength > maxBytes) throw new FcgiException("FastCGI name-value pair larger than " + maxBytes + " bytes");
            if (pos + nameLength + valueLength > len) return start;
            if (nameLength == 0) throw new FcgiException("FastCGI name-value pair with an empty name");
            if (++count > maxPairs) throw new FcgiException("more than " + maxPairs + " FastCGI params");
            String name = new String(b, pos, (int) nameLength, StandardCharsets.ISO_8859_1);
            pos += (int) nameLength;
            pairs.put(name, new String(b, pos, (int) valueLength, StandardCharsets.ISO_8859_1));
            pos += (int) valueLength;
        }
        return pos;
    }

    /** A length at {@code b[pos]}, or -1 if its bytes have not all arrived. */
    private static long length(byte[] b, int pos, int len) {
        if (pos >= len) return -1;
        int first = b[pos] & 0xFF;
        if (first < 128) return first;
        if (pos + 4 > len) return -1;
        return (long) (first & 0x7F) << 24 | (b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
    }
}
