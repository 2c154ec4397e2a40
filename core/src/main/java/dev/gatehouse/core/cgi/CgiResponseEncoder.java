package dev.gatehouse.core.cgi;

import dev.gatehouse.api.Header;
import dev.gatehouse.core.ResponseHead;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The response head a gateway (FastCGI, SCGI, CGI) sends to its web server: RFC 3875 section
 * 6.3, the status as a {@code Status:} header instead of a status line. A known length goes out
 * as Content-Length; otherwise the web server frames the body (nginx and Apache chunk it).
 */
public final class CgiResponseEncoder {
    private CgiResponseEncoder() {
    }

    public static byte[] encodeHead(ResponseHead head) {
        return encode(head, "Status: " + head.status());
    }

    /**
     * The head with an HTTP status line first instead of a {@code Status:} field, as uwsgi servers
     * and NPH scripts answer; {@code protocol} is the request's SERVER_PROTOCOL when it is
     * {@code HTTP/1.0} or {@code HTTP/1.1}, otherwise HTTP/1.1 is written.
     */
    public static byte[] encodeStatusLineHead(ResponseHead head, String protocol) {
        String version = "HTTP/1.0".equals(protocol) ? protocol : "HTTP/1.1";
        return encode(head, version + " " + head.status());
    }

    private static byte[] encode(ResponseHead head, String firstLine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        line(out, firstLine);
        boolean hasLength = false;
        for (Header h : head.headers()) {
            if (h.is("Content-Length")) hasLength = true;
            line(out, h.name() + ": " + h.value());
        }
        if (!hasLength && head.contentLength() >= 0 && !head.status().forbidsBody()) {
            line(out, "Content-Length: " + head.contentLength());
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    private static void line(ByteArrayOutputStream out, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        out.write(b, 0, b.length);
        out.write('\r');
        out.write('\n');
    }
}
