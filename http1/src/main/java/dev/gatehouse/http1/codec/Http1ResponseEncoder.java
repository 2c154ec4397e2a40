package dev.gatehouse.http1.codec;

import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes response heads and chunk framing into a byte array (no sockets here). The server
 * decides the framing; this class only spells it.
 */
public final class Http1ResponseEncoder {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** How the body of a response is delimited on the wire. */
    public enum Framing { CONTENT_LENGTH, CHUNKED, CLOSE, NONE }

    private Http1ResponseEncoder() {
    }

    /**
     * Encodes a status line and header section.
     *
     * @param contentLength written as Content-Length when framing is CONTENT_LENGTH (or NONE with a
     *                      known length, for HEAD) and the app did not send the header itself
     * @param connection "close", "keep-alive" or null: the Connection header to add
     */
    public static int encodeHead(ByteSink out, int minorVersion, Status status, List<Header> headers, Framing framing,
                                 long contentLength, String connection, byte[] date) {
        int start = out.size();
        out.ascii(minorVersion == 1 ? "HTTP/1.1 " : "HTTP/1.0 ");
        int code = status.code();
        out.put((byte) ('0' + code / 100)).put((byte) ('0' + code / 10 % 10)).put((byte) ('0' + code % 10));
        out.put((byte) ' ').latin1(status.reason()).put(CRLF);
        boolean hasDate = false;
        boolean hasServer = false;
        boolean hasLength = false;
        for (int i = 0, n = headers.size(); i < n; i++) {
            Header h = headers.get(i);
            String name = h.name();
            if (name.length() == 4 && name.equalsIgnoreCase("Date")) hasDate = true;
            else if (name.length() == 6 && name.equalsIgnoreCase("Server")) hasServer = true;
            else if (name.length() == 14 && name.equalsIgnoreCase("Content-Length")) {
                hasLength = true;
                if (framing != Framing.CONTENT_LENGTH && framing != Framing.NONE) continue;
            }
            out.latin1(name).put((byte) ':').put((byte) ' ').latin1(h.value()).put(CRLF);
        }
        if (!hasDate) out.ascii("Date: ").put(date).put(CRLF);
        if (!hasServer) out.ascii("Server: Gatehouse\r\n");
        if (!hasLength && contentLength >= 0 && (framing == Framing.CONTENT_LENGTH || framing == Framing.NONE && !status.forbidsBody())) {
            out.ascii("Content-Length: ").decimal(contentLength).put(CRLF);
        }
        if (framing == Framing.CHUNKED) out.ascii("Transfer-Encoding: chunked\r\n");
        if (connection != null) out.ascii("Connection: ").ascii(connection).put(CRLF);
        out.put(CRLF);
        return out.size() - start;
    }

    /** The size line that starts a chunk of {@code length > 0} bytes. */
    public static void chunkHeader(ByteSink out, int length) {
        int shift = 28;
        while (shift > 0 && (length >>> shift) == 0) shift -= 4;
        for (; shift >= 0; shift -= 4) out.put(HEX[(length >>> shift) & 15]);
        out.put(CRLF);
    }

    public static void chunkTrailer(ByteSink out) {
        out.put(CRLF);
    }

    public static void lastChunk(ByteSink out) {
        out.put(LAST_CHUNK);
    }

    /** A growable byte array for response heads. */
    public static final class ByteSink {
        private byte[] bytes;
        private int size;

        public ByteSink(int capacity) {
            bytes = new byte[capacity];
        }

        public int size() {
            return size;
        }

        public byte[] array() {
            return bytes;
        }

        public void reset() {
            size = 0;
        }

        /** Room for {@code n} more bytes. */
        public void ensure(int n) {
            if (size + n > bytes.length) bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
        }

        /** Counts {@code n} bytes written straight into {@link #array()} after {@link #size()} (room made by {@link #ensure}). */
        public void advance(int n) {
            if (n < 0 || size + n > bytes.length) throw new IndexOutOfBoundsException("advance " + n + " past the array");
            size += n;
        }

        public ByteSink put(byte b) {
            ensure(1);
            bytes[size++] = b;
            return this;
        }

        public ByteSink put(byte[] b) {
            return put(b, 0, b.length);
        }

        public ByteSink put(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
            return this;
        }

        public ByteSink ascii(String s) {
            return latin1(s);
        }

        @SuppressWarnings("deprecation")
        public ByteSink latin1(String s) {
            int n = s.length();
            ensure(n);
            s.getBytes(0, n, bytes, size); // ISO-8859-1 narrowing, exact for validated header text
            size += n;
            return this;
        }

        public ByteSink decimal(long v) {
            return ascii(Long.toString(v));
        }
    }
}
