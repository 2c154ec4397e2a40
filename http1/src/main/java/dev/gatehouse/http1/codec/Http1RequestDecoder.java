package dev.gatehouse.http1.codec;

import dev.gatehouse.core.HeaderRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Decodes request heads (RFC 9112 sections 2-3, 5-6) strictly: lines end in CRLF; no bare CR or
 * LF; no obs-fold; no whitespace before a field's colon; no control bytes in names or values;
 * one valid Content-Length at most and never with Transfer-Encoding; only the chunked coding;
 * one valid Host on HTTP/1.1. Every breach throws {@link Http1Exception} with the status to
 * answer; the connection must then be closed, since nothing after the bad byte can be trusted.
 */
public final class Http1RequestDecoder {
    private static final String[] METHODS = {"GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE"};

    private static final int MAX_EMPTY_LINES = 4;

    private final Http1Reader in;
    private final int maxRequestLine;
    private final int maxField;
    private final int maxHeaderBytes;
    private final int maxHeaderCount;
    private final Supplier<Http1Exception> lineTooLong;
    private final Supplier<Http1Exception> lineTruncated;
    private final Supplier<Http1Exception> fieldTooLong;
    private final Supplier<Http1Exception> headTruncated;

    public Http1RequestDecoder(Http1Reader in, int maxRequestLine, int maxField, int maxHeaderBytes, int maxHeaderCount) {
        this.in = in;
        this.maxRequestLine = maxRequestLine;
        this.maxField = maxField;
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxHeaderCount = maxHeaderCount;
        this.lineTooLong = () -> new Http1Exception(414, "request line longer than " + maxRequestLine + " bytes");
        this.lineTruncated = () -> Http1Exception.badRequest("connection closed in the middle of the request line");
        this.fieldTooLong = () -> new Http1Exception(431, "a header field is longer than " + maxField + " bytes");
        this.headTruncated = () -> Http1Exception.badRequest("connection closed in the middle of the header section");
    }

    /** The buffer a reader needs for these limits. */
    public static int bufferSizeFor(int maxRequestLine, int maxField) {
        return Math.max(maxRequestLine, maxField) + 2;
    }

    /**
     * Reads one request head.
     *
     * @return the request, or null if the input ended cleanly before its first byte
     */
    public Http1Request decode() throws IOException {
        int lf = in.findLineEnd(maxRequestLine, lineTooLong, lineTruncated);
        for (int skipped = 0; lf >= 0 && lf == in.pos + 1 && in.buf[in.pos] == '\r' && skipped < MAX_EMPTY_LINES; skipped++) {
            in.pos = lf + 1; // RFC 9112 2.2: ignore CRLFs before a request line (some clients add one after a body)
            lf = in.findLineEnd(maxRequestLine, lineTooLong, lineTruncated);
        }
        if (lf < 0) return null;
        RequestLine line = parseRequestLine(in.buf, in.pos, lineContentEnd(lf));
        in.pos = lf + 1;
        Http1Headers headers = readHeaders();
        return Http1Framing.resolve(line, headers);
    }

    /** A request line: the raw parts and the version. */
    record RequestLine(String method, String target, int minorVersion) {
    }

    private int lineContentEnd(int lf) throws Http1Exception {
        if (lf == in.pos || in.buf[lf - 1] != '\r') throw Http1Exception.badRequest("line ends in a bare LF, not CRLF");
        return lf - 1;
    }

    static RequestLine parseRequestLine(byte[] b, int from, int to) throws Http1Exception {
        int sp1 = from;
        while (sp1 < to && HeaderRules.isTchar(b[sp1])) sp1++;
        if (sp1 == from || sp1 >= to || b[sp1] != ' ') throw Http1Exception.badRequest("malformed request line (method)");
        int sp2 = sp1 + 1;
        while (sp2 < to && b[sp2] > 0x20 && b[sp2] < 0x7F) sp2++;
        if (sp2 == sp1 + 1 || sp2 >= to || b[sp2] != ' ') throw Http1Exception.badRequest("malformed request line (target)");
        int minor = parseVersion(b, sp2 + 1, to);
        return new RequestLine(method(b, from, sp1), new String(b, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.ISO_8859_1), minor);
    }

    private static int parseVersion(byte[] b, int from, int to) throws Http1Exception {
        if (to - from != 8 || b[from] != 'H' || b[from + 1] != 'T' || b[from + 2] != 'T' || b[from + 3] != 'P'
                || b[from + 4] != '/' || !isDigit(b[from + 5]) || b[from + 6] != '.' || !isDigit(b[from + 7])) {
            throw Http1Exception.badRequest("malformed request line (version)");
        }
        if (b[from + 5] != '1' || b[from + 7] > '1') {
            throw new Http1Exception(505, "HTTP version " + (char) b[from + 5] + "." + (char) b[from + 7] + " is not supported");
        }
        return b[from + 7] - '0';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static String method(byte[] b, int from, int to) {
        outer:
        for (String m : METHODS) {
            if (m.length() != to - from) continue;
            for (int i = 0; i < m.length(); i++) {
                if (b[from + i] != m.charAt(i)) continue outer;
            }
            return m;
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
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
            if (total > maxHeaderBytes) throw new Http1Exception(431, "header section larger than " + maxHeaderBytes + " bytes");
            if (headers.size() == maxHeaderCount) throw new Http1Exception(431, "more than " + maxHeaderCount + " header fields");
            parseField(in.buf, in.pos, end, headers);
            in.pos = lf + 1;
        }
    }

    /** Parses {@code name ":" OWS value OWS} into {@code headers}. */
    static void parseField(byte[] b, int from, int to, Http1Headers headers) throws Http1Exception {
        int colon = from;
        while (colon < to && HeaderRules.isTchar(b[colon])) colon++;
        if (colon == to || b[colon] != ':') {
            if (colon == from && (b[from] == ' ' || b[from] == '\t')) throw Http1Exception.badRequest("obsolete line folding (obs-fold) is not accepted");
            if (colon < to && (b[colon] == ' ' || b[colon] == '\t')) throw Http1Exception.badRequest("whitespace between a header name and its colon");
            throw Http1Exception.badRequest("malformed header field name");
        }
        if (colon == from) throw Http1Exception.badRequest("empty header field name");
        int vStart = colon + 1;
        while (vStart < to && (b[vStart] == ' ' || b[vStart] == '\t')) vStart++;
        int vEnd = to;
        while (vEnd > vStart && (b[vEnd - 1] == ' ' || b[vEnd - 1] == '\t')) vEnd--;
        for (int i = vStart; i < vEnd; i++) {
            int c = b[i] & 0xFF;
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                throw Http1Exception.badRequest(c == '\r' ? "bare CR in a header field" : "control byte in a header field value");
            }
        }
        String value = vEnd == vStart ? "" : new String(b, vStart, vEnd - vStart, StandardCharsets.ISO_8859_1);
        int common = Http1HeaderNames.lookup(b, from, colon);
        if (common >= 0) {
            headers.add(Http1HeaderNames.name(common), Http1HeaderNames.key(common), value);
        } else {
            String name = new String(b, from, colon - from, StandardCharsets.ISO_8859_1);
            headers.add(name, Http1HeaderNames.environKey(name), value);
        }
    }
}
