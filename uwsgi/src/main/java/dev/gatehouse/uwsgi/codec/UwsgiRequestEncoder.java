package dev.gatehouse.uwsgi.codec;

import java.util.Map;

/**
 * Writes the head of a uwsgi request: the packet header and the vars block (see
 * {@link UwsgiPacketHeader} and {@link UwsgiVarsDecoder} for the layout). The body follows it on
 * the wire as it is. Keys and values are written byte for byte (ISO-8859-1, as the environ holds
 * them).
 */
public final class UwsgiRequestEncoder {
    private UwsgiRequestEncoder() {
    }

    /** A WSGI request head (modifier1 0, modifier2 0). */
    public static byte[] encode(Map<String, String> vars) throws UwsgiException {
        return encode(vars, UwsgiModifier.WSGI.code, 0);
    }

    /**
     * The packet header with {@code modifier1}/{@code modifier2}, then the vars in iteration order.
     *
     * @throws UwsgiException (431) when the vars block would be over 65535 bytes, the most the
     *     format's 16-bit datasize can announce (its 64 KiB limit)
     * @throws IllegalArgumentException for an empty key or a character outside ISO-8859-1
     */
    public static byte[] encode(Map<String, String> vars, int modifier1, int modifier2) throws UwsgiException {
        long size = 0;
        for (Map.Entry<String, String> e : vars.entrySet()) {
            if (e.getKey().isEmpty()) throw new IllegalArgumentException("a uwsgi var needs a non-empty key");
            size += 4L + e.getKey().length() + e.getValue().length();
        }
        if (size > UwsgiPacketHeader.MAX_DATASIZE) {
            throw new UwsgiException(431, "the request's uwsgi vars need " + size + " bytes, over the 64 KiB limit of the uwsgi format ("
                    + UwsgiPacketHeader.MAX_DATASIZE + " bytes)");
        }
        byte[] out = new byte[UwsgiPacketHeader.LENGTH + (int) size];
        new UwsgiPacketHeader(modifier1, (int) size, modifier2).encodeInto(out, 0);
        int pos = UwsgiPacketHeader.LENGTH;
        for (Map.Entry<String, String> e : vars.entrySet()) {
            pos = string(out, pos, e.getKey());
            pos = string(out, pos, e.getValue());
        }
        return out;
    }

    /** Writes the u16-LE length of {@code s} and its bytes; returns the position after them. */
    private static int string(byte[] out, int pos, String s) {
        int n = s.length();
        out[pos] = (byte) n;
        out[pos + 1] = (byte) (n >> 8);
        pos += 2;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c > 0xFF) throw new IllegalArgumentException("uwsgi var text with a character outside ISO-8859-1 (U+"
                    + Integer.toHexString(c) + "): " + s);
            out[pos++] = (byte) c;
        }
        return pos;
    }
}
