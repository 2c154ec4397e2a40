package dev.gatehouse.uwsgi.codec;

import java.io.IOException;
import java.io.InputStream;

/**
 * The 4-byte header that starts every uwsgi packet:
 * <pre>
 *   byte 0    modifier1   (u8)  what the packet is: 0 = a WSGI request (see {@link UwsgiModifier})
 *   byte 1-2  datasize    (u16, little-endian) the length of the vars block that follows
 *   byte 3    modifier2   (u8)  a sub-type; 0 for a WSGI request
 * </pre>
 * For a request, {@code datasize} bytes of vars follow (see {@link UwsgiVarsDecoder}), then the
 * request body, CONTENT_LENGTH bytes of it, with no framing of its own.
 */
public record UwsgiPacketHeader(int modifier1, int datasize, int modifier2) {
    public static final int LENGTH = 4;
    /** The largest vars block the 16-bit datasize can announce: 64 KiB less one byte. */
    public static final int MAX_DATASIZE = 0xFFFF;

    public UwsgiPacketHeader {
        if (modifier1 < 0 || modifier1 > 255) throw new IllegalArgumentException("modifier1 must be 0..255, not " + modifier1);
        if (modifier2 < 0 || modifier2 > 255) throw new IllegalArgumentException("modifier2 must be 0..255, not " + modifier2);
        if (datasize < 0 || datasize > MAX_DATASIZE) {
            throw new IllegalArgumentException("datasize must be 0.." + MAX_DATASIZE + " (the 64 KiB limit of the uwsgi format), not " + datasize);
        }
    }

    /** The header of {@code b[off, off+4)}. */
    public static UwsgiPacketHeader decode(byte[] b, int off) {
        return new UwsgiPacketHeader(b[off] & 0xFF, (b[off + 1] & 0xFF) | (b[off + 2] & 0xFF) << 8, b[off + 3] & 0xFF);
    }

    /**
     * Reads a header from {@code in}: null when the stream ends before its first byte, an
     * {@link UwsgiException} (400) when it ends inside the header.
     */
    public static UwsgiPacketHeader read(InputStream in) throws IOException {
        byte[] b = new byte[LENGTH];
        int n = in.readNBytes(b, 0, LENGTH);
        if (n == 0) return null;
        if (n < LENGTH) throw new UwsgiException("connection closed inside the uwsgi packet header (" + n + " of " + LENGTH + " bytes)");
        return decode(b, 0);
    }

    /** Writes the header into {@code b[off, off+4)}. */
    public void encodeInto(byte[] b, int off) {
        b[off] = (byte) modifier1;
        b[off + 1] = (byte) datasize;
        b[off + 2] = (byte) (datasize >> 8);
        b[off + 3] = (byte) modifier2;
    }

    public byte[] encode() {
        byte[] b = new byte[LENGTH];
        encodeInto(b, 0);
        return b;
    }

    /** The modifier1 as a named type, or null for an unnamed code. */
    public UwsgiModifier modifier() {
        return UwsgiModifier.from(modifier1);
    }
}
