package dev.gatehouse.scgi.codec;

import dev.gatehouse.core.Latin1StringCache;
import dev.gatehouse.core.VariableSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * Reads the header of one SCGI request (the SCGI 1 protocol, python.ca/scgi/protocol.txt) from a
 * stream, and not one byte of the body after it. On the wire the header is a netstring:
 * <pre>
 *   "70"  ":"  "CONTENT_LENGTH" 00 "27" 00  "SCGI" 00 "1" 00  "REQUEST_METHOD" 00 "POST" 00 ...  ","  body
 *   |len| |  |&lt;---------------------- len bytes of NUL-terminated names and values -------------&gt;| |
 * </pre>
 * Strict, in every rule of the protocol:
 * <ul>
 *   <li>the length is ASCII digits without a leading zero, at most as many digits as the largest
 *       allowed header has, and not over it (431); a header of length 0 has no CONTENT_LENGTH;</li>
 *   <li>then ':', exactly that many bytes, then ',';</li>
 *   <li>the bytes are name NUL value NUL pairs: a name is not empty, a value may be (servers send
 *       empty CONTENT_TYPE and the like), every string ends with its NUL;</li>
 *   <li>the first name is CONTENT_LENGTH, its value one to 18 ASCII digits (more is 413);</li>
 *   <li>SCGI is present with the value 1;</li>
 *   <li>no name appears twice, unless {@code mergeRepeatedHeaders} is on (see below).</li>
 * </ul>
 * Breaches throw {@link ScgiException} with the status to answer. Bytes are read as ISO-8859-1,
 * one char per byte, as the environ keeps them.
 *
 * <p>{@code mergeRepeatedHeaders} (off by default) relaxes "no name twice" for request headers
 * only: nginx before 1.23 sends a header that came several times as several {@code HTTP_}
 * variables of the same name. With it on, those are joined with ", " ("; " for HTTP_COOKIE), as
 * nginx 1.23 and Apache do themselves (RFC 9110 5.3); any other repeated name is still refused.
 */
public final class ScgiRequestDecoder {
    public static final String CONTENT_LENGTH = "CONTENT_LENGTH";
    public static final String SCGI = "SCGI";
    public static final String VERSION = "1";
    /** CONTENT_LENGTH digits accepted: 18 digits always fit in a long. */
    public static final int MAX_CONTENT_LENGTH_DIGITS = 18;

    private final int maxHeadBytes;
    private final int maxLengthDigits;
    private final boolean mergeRepeatedHeaders;
    private final Latin1StringCache strings = new Latin1StringCache();

    /** A strict decoder for headers of at most {@code maxHeadBytes} bytes (the netstring's length). */
    public ScgiRequestDecoder(int maxHeadBytes) {
        this(maxHeadBytes, false);
    }

    public ScgiRequestDecoder(int maxHeadBytes, boolean mergeRepeatedHeaders) {
        if (maxHeadBytes < 1) throw new IllegalArgumentException("maxHeadBytes must be positive");
        this.maxHeadBytes = maxHeadBytes;
        this.maxLengthDigits = Integer.toString(maxHeadBytes).length();
        this.mergeRepeatedHeaders = mergeRepeatedHeaders;
    }

    /**
     * Reads one header.
     *
     * @return the variables in the order sent (CONTENT_LENGTH first), unmodifiable; null if the
     *     stream ended before its first byte
     */
    public SequencedMap<String, String> decode(InputStream in) throws IOException {
        LinkedHashMap<String, String> variables = new LinkedHashMap<>();
        if (decode(in, VariableSink.of(variables)) < 0) return null;
        return Collections.unmodifiableSequencedMap(variables);
    }

    /**
     * Reads one header into {@code into} (a server's environ), with the same checks.
     *
     * @return the request's CONTENT_LENGTH, or -1 if the stream ended before its first byte
     */
    public long decode(InputStream in, VariableSink into) throws IOException {
        int length = readLength(in);
        if (length < 0) return -1;
        byte[] block = new byte[length];
        int read = in.readNBytes(block, 0, length);
        if (read < length) {
            throw new ScgiException("connection closed inside the SCGI header (" + read + " of " + length + " bytes came)");
        }
        int end = in.read();
        if (end < 0) throw new ScgiException("connection closed before the ',' that ends the SCGI header");
        if (end != ',') throw new ScgiException("the SCGI header is not followed by ',' but by " + describe(end) + " (the netstring length is wrong)");
        return parse(block, into);
    }

    /** The content length of a decoded header (its digits were checked by {@link #decode}). */
    public static long contentLength(SequencedMap<String, String> variables) {
        return Long.parseLong(variables.get(CONTENT_LENGTH));
    }

    /** The netstring's length, or -1 if the stream ended before its first byte. */
    private int readLength(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) return -1;
        if (b == '0') {
            if (in.read() == ':') throw new ScgiException("empty SCGI header (netstring length 0): CONTENT_LENGTH is missing");
            throw new ScgiException("the SCGI netstring length starts with '0'");
        }
        if (b < '1' || b > '9') {
            throw new ScgiException("not an SCGI request: it starts with " + describe(b) + " instead of the netstring length");
        }
        int length = 0;
        int digits = 0;
        for (; b != ':'; b = in.read()) {
            if (b < 0) throw new ScgiException("connection closed inside the SCGI netstring length");
            if (b < '0' || b > '9') throw new ScgiException("the SCGI netstring length is followed by " + describe(b) + " instead of ':'");
            if (++digits > maxLengthDigits) {
                throw new ScgiException(431, "the SCGI header length has more than " + maxLengthDigits + " digits (the limit is " + maxHeadBytes + " bytes)");
            }
            length = length * 10 + (b - '0');
        }
        if (length > maxHeadBytes) throw new ScgiException(431, "SCGI header of " + length + " bytes is over the limit of " + maxHeadBytes);
        return length;
    }

    /** Puts every variable of the block into {@code into}; returns CONTENT_LENGTH. */
    private long parse(byte[] block, VariableSink into) throws ScgiException {
        if (block[block.length - 1] != 0) throw new ScgiException("the SCGI header does not end with NUL (a name or value is unterminated)");
        long contentLength = -1;
        String version = null;
        int count = 0;
        int pos = 0;
        while (pos < block.length) {
            int nameEnd = indexOfNul(block, pos);
            if (nameEnd == pos) throw new ScgiException("SCGI header with an empty name (after " + count + " variables)");
            String name = strings.get(block, pos, nameEnd - pos);
            int valueEnd = nameEnd + 1 < block.length ? indexOfNul(block, nameEnd + 1) : -1;
            if (valueEnd < 0) throw new ScgiException("SCGI header ends after the name " + name + " without its value");
            String value = strings.get(block, nameEnd + 1, valueEnd - nameEnd - 1);
            if (count++ == 0) contentLength = checkContentLength(name, value);
            else if (name.equals(SCGI)) version = value;
            add(into, name, value);
            pos = valueEnd + 1;
        }
        if (version == null) throw new ScgiException("no SCGI variable in the SCGI header");
        if (!version.equals(VERSION)) throw new ScgiException("SCGI is '" + version + "', not '1'");
        return contentLength;
    }

    private void add(VariableSink variables, String name, String value) throws ScgiException {
        String earlier = variables.putIfAbsent(name, value);
        if (earlier == null) return;
        if (!mergeRepeatedHeaders || !name.startsWith("HTTP_")) throw new ScgiException("the SCGI header has " + name + " twice");
        variables.replace(name, earlier + (name.equals("HTTP_COOKIE") ? "; " : ", ") + value);
    }

    /** Checks the first variable is a valid CONTENT_LENGTH and returns its value. */
    private static long checkContentLength(String name, String value) throws ScgiException {
        if (!name.equals(CONTENT_LENGTH)) throw new ScgiException("the first SCGI variable is " + name + ", not CONTENT_LENGTH");
        if (value.isEmpty()) throw new ScgiException("CONTENT_LENGTH is empty");
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') throw new ScgiException("CONTENT_LENGTH is not a number: " + value);
            n = n * 10 + (c - '0');
        }
        if (value.length() > MAX_CONTENT_LENGTH_DIGITS) throw new ScgiException(413, "CONTENT_LENGTH out of range: " + value);
        return n;
    }

    private static int indexOfNul(byte[] b, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == 0) return i;
        return -1;
    }

    private static String describe(int b) {
        return b >= 0x21 && b < 0x7F ? "'" + (char) b + "'" : String.format("byte 0x%02X", b);
    }
}
