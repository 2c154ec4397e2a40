package dev.gatehouse.middleware;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.PathCodec;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One request as the access log sees it. The request line and its parts are taken when the
 * request arrives, before any inner app (a {@link UrlMap}) rewrites the environ; the client's
 * address, the user and the headers are read when the line is written, so the values that
 * {@link TrustedProxies} and {@link BasicAuth} set further in are logged, as nginx logs
 * {@code $remote_addr} after its realip module and Apache {@code %u} after authentication.
 * {@link #finish} adds the response side.
 */
final class AccessLogEntry {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    final Environ environ;
    final ZonedDateTime received;
    final long startNanos;
    final String method;
    final String requestUri;
    final String path;
    final String query;
    final String protocol;
    final String requestLine;
    int status;
    long bytes;
    List<Header> responseHeaders = List.of();
    long durationNanos;

    AccessLogEntry(Environ environ, ZonedDateTime received, long startNanos) {
        this.environ = environ;
        this.received = received;
        this.startNanos = startNanos;
        this.method = environ.requestMethod();
        this.path = environ.scriptName() + environ.pathInfo();
        this.query = environ.queryString();
        String target = environ.getString(EnvironKeys.REQUEST_URI);
        if (target == null) target = PathCodec.encode(path) + (query.isEmpty() ? "" : "?" + query);
        this.requestUri = target;
        this.protocol = environ.getString(EnvironKeys.SERVER_PROTOCOL);
        String line = method + " " + target;
        this.requestLine = protocol == null ? line : line + " " + protocol;
    }

    AccessLogEntry(Environ environ, ZonedDateTime received) {
        this(environ, received, 0);
    }

    /** The response side: final status, body bytes let through, the head the app gave, the time taken. */
    void finish(int finalStatus, long bodyBytes, List<Header> headers, long endNanos) {
        this.status = finalStatus;
        this.bytes = bodyBytes;
        this.responseHeaders = headers;
        this.durationNanos = Math.max(0, endNanos - startNanos);
    }

    String remoteAddr() {
        return environ.getString(EnvironKeys.REMOTE_ADDR);
    }

    String remoteUser() {
        return environ.getString("REMOTE_USER");
    }

    String timeLocal() {
        return TIME.format(received);
    }

    /**
     * The Combined Log Format line: {@code %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"}.
     * Body bytes: 0 is logged as {@code -}, as Apache's {@code %b} does.
     */
    String format(int finalStatus, long bodyBytes) {
        StringBuilder line = new StringBuilder(160);
        field(line, remoteAddr()).append(" - ");
        field(line, remoteUser()).append(" [");
        TIME.formatTo(received, line);
        line.append("] \"");
        LogEscaper.append(line, requestLine);
        line.append("\" ").append(finalStatus).append(' ');
        if (bodyBytes > 0) line.append(bodyBytes);
        else line.append('-');
        line.append(" \"");
        field(line, environ.getString("HTTP_REFERER")).append("\" \"");
        field(line, environ.getString("HTTP_USER_AGENT")).append('"');
        return line.toString();
    }

    private static StringBuilder field(StringBuilder line, String value) {
        if (value == null || value.isEmpty()) return line.append('-');
        LogEscaper.append(line, value);
        return line;
    }
}
