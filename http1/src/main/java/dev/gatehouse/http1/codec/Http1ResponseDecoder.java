package dev.gatehouse.http1.codec;

import dev.gatehouse.api.Status;
import dev.gatehouse.core.HeaderRules;
import dev.gatehouse.http1.codec.Http1ResponseEncoder.Framing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Decodes response heads (RFC 9112 sections 4-6), as strictly as {@link Http1RequestDecoder}
 * decodes requests: lines end in CRLF; the status line is {@code HTTP/1.x SP 3DIGIT SP reason},
 * with the space after the code even when the reason is empty; no bare CR or LF, no obs-fold, no
 * whitespace before a field's colon, no control bytes in names, values or the reason; one valid
 * Content-Length at most and never with Transfer-Encoding; Transfer-Encoding only on HTTP/1.1 and
 * only {@code chunked} (the one coding a gateway can take off and put back on); head size, field
 * size and field count bounded.
 *
 * <p>Interim responses (100 Continue, 103 Early Hints, ...) are read and skipped, a bounded number
 * of them; a 101 is refused, since a gateway that strips {@code Upgrade} never asks for one. The
 * framing of the final response follows RFC 9112 section 6.3: none for a HEAD request, 204 and 304;
 * else chunked, else Content-Length, else until the connection closes.
 *
 * <p>Every breach throws {@link Http1Exception} with status 502, the answer a gateway gives for a
 * backend that broke the protocol; the connection to that backend must then be closed.
 */
public final class Http1ResponseDecoder {
    /** What a gateway answers when the backend's response is malformed. */
    public static final int BAD_GATEWAY = 502;

    private final Http1Reader in;
    private final int maxField;
    private final int maxHeaderBytes;
    private final int maxHeaderCount;
    private final int maxInterim;
    private final Supplier<Http1Exception> lineTooLong;
    private final Supplier<Http1Exception> lineTruncated;
    private final Supplier<Http1Exception> fieldTooLong;
    private final Supplier<Http1Exception> headTruncated;

    /**
     * @param maxField the status line and each header field line, CRLF excluded
     * @param maxHeaderBytes all header field lines of one response head
     * @param maxHeaderCount header fields of one response head
     * @param maxInterim 1xx responses accepted before the final one
     */
    public Http1ResponseDecoder(Http1Reader in, int maxField, int maxHeaderBytes, int maxHeaderCount, int maxInterim) {
        this.in = in;
        this.maxField = maxField;
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxHeaderCount = maxHeaderCount;
        this.maxInterim = maxInterim;
        this.lineTooLong = () -> bad("status line longer than " + maxField + " bytes");
        this.lineTruncated = () -> bad("connection closed in the middle of the status line");
        this.fieldTooLong = () -> bad("a header field is longer than " + maxField + " bytes");
        this.headTruncated = () -> bad("connection closed in the middle of the header section");
    }

    /** The buffer a reader needs for these limits. */
    public static int bufferSizeFor(int maxField) {
        return maxField + 2;
    }

    /**
     * Reads up to the end of the final response head to a request made with {@code requestMethod}.
     *
     * @return the response, or null if the input ended cleanly before its first byte (a kept
     *     connection the server had closed)
     */
    public Http1Response decode(String requestMethod) throws IOException {
        int interim = 0;
        while (true) {
            int lf = in.findLineEnd(maxField, lineTooLong, lineTruncated);
            if (lf < 0) {
                if (interim == 0) return null;
                throw bad("connection closed after an interim response, before the final one");
            }
            StatusLine line = parseStatusLine(in.buf, in.pos, lineContentEnd(lf));
            in.pos = lf + 1;
            Http1Headers headers = readHeaders();
            if (line.code >= 200) return resolve(line, headers, requestMethod.equals("HEAD"), interim);
            if (line.code == 101) throw bad("101 Switching Protocols, but no protocol upgrade was asked for");
            if (++interim > maxInterim) throw bad("more than " + maxInterim + " interim (1xx) responses");
        }
    }

    /** A status line: version, code, reason. */
    record StatusLine(int minorVersion, int code, String reason) {
    }

    private int lineContentEnd(int lf) throws Http1Exception {
        if (lf == in.pos || in.buf[lf - 1] != '\r') throw bad("line ends in a bare LF, not CRLF");
        return lf - 1;
    }

    /** {@code HTTP-version SP status-code SP [ reason-phrase ]} (RFC 9112 section 4). */
    static StatusLine parseStatusLine(byte[] b, int from, int to) throws Http1Exception {
        if (to - from < 12 || b[from] != 'H' || b[from + 1] != 'T' || b[from + 2] != 'T' || b[from + 3] != 'P'
                || b[from + 4] != '/' || !isDigit(b[from + 5]) || b[from + 6] != '.' || !isDigit(b[from + 7])
                || b[from + 8] != ' ' || !isDigit(b[from + 9]) || !isDigit(b[from + 10]) || !isDigit(b[from + 11])) {
            throw bad("malformed status line");
        }
        if (b[from + 5] != '1' || b[from + 7] > '1') {
            throw bad("HTTP version " + (char) b[from + 5] + "." + (char) b[from + 7] + " is not supported");
        }
        int code = (b[from + 9] - '0') * 100 + (b[from + 10] - '0') * 10 + (b[from + 11] - '0');
        if (code < 100 || code > 599) throw bad("status code " + code + " is outside 100..599");
        if (to == from + 12) throw bad("no space after the status code (RFC 9112 section 4 requires it)");
        if (b[from + 12] != ' ') throw bad("malformed status line");
        for (int i = from + 13; i < to; i++) {
            int c = b[i] & 0xFF;
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                throw bad(c == '\r' ? "bare CR in the status line" : "control byte in the reason phrase");
            }
        }
        String reason = to == from + 13 ? "" : new String(b, from + 13, to - from - 13, StandardCharsets.ISO_8859_1);
        return new StatusLine(b[from + 7] - '0', code, reason);
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private Http1Headers readHeaders() throws IOException {
        Http1Headers headers = new Http1Headers();
        int total = 0;
        while (true) {
            int lf = in.findLineEnd(maxField, fieldTooLong, headTruncated);
            if (lf < 0) throw headTruncated.get();
            int end = lineContentEnd(lf);
            if (end == in.pos) {
                in.pos = lf + 1;
                return headers;
            }
            total += lf + 1 - in.pos;
            if (total > maxHeaderBytes) throw bad("header section larger than " + maxHeaderBytes + " bytes");
            if (headers.size() == maxHeaderCount) throw bad("more than " + maxHeaderCount + " header fields");
            try {
                Http1RequestDecoder.parseField(in.buf, in.pos, end, headers);
            } catch (Http1Exception e) {
                throw bad(e.getMessage());
            }
            in.pos = lf + 1;
        }
    }

    /** RFC 9112 section 6.3, strictly: anything two parsers could read differently is refused. */
    private static Http1Response resolve(StatusLine line, Http1Headers headers, boolean headRequest, int interim) throws Http1Exception {
        long length = -1;
        boolean chunked = false;
        boolean transferEncoding = false;
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            if (name.equalsIgnoreCase("Content-Length")) {
                if (length >= 0) throw bad("more than one Content-Length");
                length = HeaderRules.parseLength(headers.value(i));
                if (length < 0) throw bad("malformed Content-Length: " + headers.value(i));
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                transferEncoding = true;
                chunked = transferCodings(headers.value(i), chunked);
            }
        }
        if (transferEncoding) {
            if (length >= 0) throw bad("both Transfer-Encoding and Content-Length");
            if (line.minorVersion == 0) throw bad("Transfer-Encoding in an HTTP/1.0 response");
            if (!chunked) throw bad("Transfer-Encoding without chunked as the final coding");
        }
        int code = line.code;
        Framing framing;
        if (headRequest || code == 204 || code == 304) framing = Framing.NONE;
        else if (chunked) framing = Framing.CHUNKED;
        else if (length >= 0) framing = Framing.CONTENT_LENGTH;
        else framing = Framing.CLOSE;
        boolean keepAlive = framing != Framing.CLOSE && Http1Framing.keepAlive(headers, line.minorVersion);
        return new Http1Response(line.minorVersion, new Status(code, line.reason), headers, framing, length, keepAlive, interim);
    }

    /** Accepts {@code chunked}, once, as the last coding; any other coding cannot be passed on. */
    private static boolean transferCodings(String value, boolean chunkedBefore) throws Http1Exception {
        boolean chunked = chunkedBefore;
        int i = 0;
        while (i <= value.length()) {
            int comma = value.indexOf(',', i);
            if (comma < 0) comma = value.length();
            String coding = Http1Framing.stripOws(value.substring(i, comma));
            i = comma + 1;
            if (coding.isEmpty()) continue;
            if (chunked) throw bad("chunked must be the last transfer coding");
            if (coding.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (!HeaderRules.isToken(coding.split(";", 2)[0].strip())) {
                throw bad("malformed Transfer-Encoding");
            } else {
                throw bad("transfer coding '" + coding + "' is not supported");
            }
        }
        return chunked;
    }

    private static Http1Exception bad(String message) {
        return new Http1Exception(BAD_GATEWAY, message);
    }
}
