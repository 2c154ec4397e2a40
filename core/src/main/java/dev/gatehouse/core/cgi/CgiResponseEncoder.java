package dev.gatehouse.core.cgi;

import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.core.ResponseHead;

/**
 * The response head a gateway (FastCGI, SCGI, CGI) sends to its web server: RFC 3875 section
 * 6.3, the status as a {@code Status:} header instead of a status line. A known length goes out
 * as Content-Length; otherwise the web server frames the body (nginx and Apache chunk it).
 */
public final class CgiResponseEncoder {
    private static final String CONTENT_LENGTH = "Content-Length: ";

    private CgiResponseEncoder() {
    }

    public static byte[] encodeHead(ResponseHead head) {
        return encode(head, "Status: ", head.status());
    }

    /**
     * The head with an HTTP status line first instead of a {@code Status:} field, as uwsgi servers
     * and NPH scripts answer; {@code protocol} is the request's SERVER_PROTOCOL when it is
     * {@code HTTP/1.0} or {@code HTTP/1.1}, otherwise HTTP/1.1 is written.
     */
    public static byte[] encodeStatusLineHead(ResponseHead head, String protocol) {
        return encode(head, "HTTP/1.0".equals(protocol) ? "HTTP/1.0 " : "HTTP/1.1 ", head.status());
    }

    /**
     * Sizes the head first, then writes it into one array: no intermediate strings or stream (this
     * runs once per request on every gateway adapter). Chars past ISO-8859-1 become '?', as
     * {@code getBytes(ISO_8859_1)} makes them.
     */
    private static byte[] encode(ResponseHead head, String prefix, Status status) {
        String reason = status.reason();
        boolean hasLength = false;
        int size = prefix.length() + 3 + (reason.isEmpty() ? 0 : 1 + reason.length()) + 2;
        for (Header h : head.headers()) {
            if (h.is("Content-Length")) hasLength = true;
            size += h.name().length() + 2 + h.value().length() + 2;
        }
        String length = !hasLength && head.contentLength() >= 0 && !status.forbidsBody() ? Long.toString(head.contentLength()) : null;
        if (length != null) size += CONTENT_LENGTH.length() + length.length() + 2;
        size += 2;
        byte[] out = new byte[size];
        int at = put(out, 0, prefix);
        int code = status.code();
        out[at++] = (byte) ('0' + code / 100 % 10);
        out[at++] = (byte) ('0' + code / 10 % 10);
        out[at++] = (byte) ('0' + code % 10);
        if (!reason.isEmpty()) {
            out[at++] = ' ';
            at = put(out, at, reason);
        }
        at = crlf(out, at);
        for (Header h : head.headers()) {
            at = put(out, at, h.name());
            out[at++] = ':';
            out[at++] = ' ';
            at = crlf(out, put(out, at, h.value()));
        }
        if (length != null) at = crlf(out, put(out, put(out, at, CONTENT_LENGTH), length));
        crlf(out, at);
        return out;
    }

    private static int put(byte[] out, int at, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            out[at++] = c <= 0xFF ? (byte) c : (byte) '?';
        }
        return at;
    }

    private static int crlf(byte[] out, int at) {
        out[at++] = '\r';
        out[at++] = '\n';
        return at;
    }
}
