package dev.gatehouse.middleware;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.PathCodec;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The request side of one Combined Log Format line, taken when the request arrives (before
 * any inner app, such as a {@link UrlMap}, rewrites the environ), and formatting the whole
 * line once the status and byte count are known:
 * {@code %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"}.
 */
final class AccessLogEntry {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private final String remoteHost;
    private final String remoteUser;
    private final ZonedDateTime received;
    private final String requestLine;
    private final String referer;
    private final String userAgent;

    AccessLogEntry(Environ environ, ZonedDateTime received) {
        this.remoteHost = environ.getString(EnvironKeys.REMOTE_ADDR);
        this.remoteUser = environ.getString("REMOTE_USER");
        this.received = received;
        this.requestLine = requestLine(environ);
        this.referer = environ.getString("HTTP_REFERER");
        this.userAgent = environ.getString("HTTP_USER_AGENT");
    }

    /** The request line as the client sent it, rebuilt from the environ. */
    private static String requestLine(Environ environ) {
        String target = environ.getString(EnvironKeys.REQUEST_URI);
        if (target == null) {
            target = PathCodec.encode(environ.scriptName() + environ.pathInfo());
            if (!environ.queryString().isEmpty()) target += "?" + environ.queryString();
        }
        String protocol = environ.getString(EnvironKeys.SERVER_PROTOCOL);
        String line = environ.requestMethod() + " " + target;
        return protocol == null ? line : line + " " + protocol;
    }

    /**
     * @param status the final status code
     * @param bytes response body bytes; 0 is logged as {@code -}, as Apache's {@code %b} does
     */
    String format(int status, long bytes) {
        StringBuilder line = new StringBuilder(160);
        field(line, remoteHost).append(" - ");
        field(line, remoteUser).append(" [");
        TIME.formatTo(received, line);
        line.append("] \"");
        LogEscaper.append(line, requestLine);
        line.append("\" ").append(status).append(' ');
        if (bytes > 0) line.append(bytes);
        else line.append('-');
        line.append(" \"");
        field(line, referer).append("\" \"");
        field(line, userAgent).append('"');
        return line.toString();
    }

    private static StringBuilder field(StringBuilder line, String value) {
        if (value == null || value.isEmpty()) return line.append('-');
        LogEscaper.append(line, value);
        return line;
    }
}
