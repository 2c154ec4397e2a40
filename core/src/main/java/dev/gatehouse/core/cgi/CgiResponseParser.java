package dev.gatehouse.core.cgi;

import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.core.HeaderRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses the head of a CGI response (RFC 3875 section 6) fed in pieces as the bytes arrive, from
 * FastCGI STDOUT records, an SCGI or uwsgi socket or a CGI process's standard output.
 *
 * <p>Strict, as LIMITS.md asks: field names must be tokens with no space before the colon; no
 * obs-fold; no control characters in values; a CR only right before LF; {@code Status},
 * {@code Location} and {@code Content-Type} at most once each; at least one field. Lines may end
 * with CRLF or a bare LF, because real CGI scripts ({@code echo} in a shell) write bare LFs and
 * every web server accepts them. The head is bounded in bytes and in fields.
 *
 * <p>Classification (6.2): a {@code Location} that is a local path ({@code /x?y}, not
 * {@code //host}) with no Status, or Status 200, is a local redirect (as Apache's mod_cgi decides
 * it); an absolute URI without a Status is a client redirect answered 302; with a Status the
 * response is passed on as given (a redirect with a document). Hop-by-hop fields are dropped, as
 * a gateway must not forward them.
 *
 * <p>The head may also start with an HTTP status line ({@code HTTP/1.1 200 OK}) instead of a
 * {@code Status} field: uwsgi backends answer that way, and so do NPH scripts and some SCGI
 * servers (nginx's scgi and uwsgi modules accept both). Such a head is a document as given: its
 * Location is never a local redirect, and it may have no fields at all.
 */
public final class CgiResponseParser {
    private final int maxHeadBytes;
    private final int maxFields;
    private final List<Header> fields = new ArrayList<>();
    private byte[] line = new byte[256];
    private int lineLength;
    private int headBytes;
    private boolean firstLine = true;
    private Status statusLine;
    private CgiResponse response;

    public CgiResponseParser(int maxHeadBytes, int maxFields) {
        this.maxHeadBytes = maxHeadBytes;
        this.maxFields = maxFields;
    }

    /**
     * Feeds {@code b[off, off+len)}.
     *
     * @return how many of those bytes belong to the head; the rest (if the head ended) is body
     */
    public int feed(byte[] b, int off, int len) throws CgiResponseException {
        if (response != null) return 0;
        for (int i = 0; i < len; i++) {
            byte c = b[off + i];
            if (++headBytes > maxHeadBytes) throw new CgiResponseException("CGI response head larger than " + maxHeadBytes + " bytes");
            if (c == '\n') {
                if (endLine()) return i + 1;
            } else {
                append(c);
            }
        }
        return len;
    }

    /** True once the empty line that ends the head was read. */
    public boolean isComplete() {
        return response != null;
    }

    /** The parsed head, or null while it is incomplete. */
    public CgiResponse response() {
        return response;
    }

    /** Parses the whole head in {@code bytes}; throws if it does not end there. */
    public static CgiResponse parse(byte[] bytes, int maxHeadBytes, int maxFields) throws CgiResponseException {
        CgiResponseParser parser = new CgiResponseParser(maxHeadBytes, maxFields);
        parser.feed(bytes, 0, bytes.length);
        if (!parser.isComplete()) throw new CgiResponseException("CGI response ended inside its head");
        return parser.response();
    }

    private void append(byte c) {
        if (lineLength == line.length) line = Arrays.copyOf(line, line.length * 2);
        line[lineLength++] = c;
    }

    /** Handles the line just ended; returns true if it was the empty line that ends the head. */
    private boolean endLine() throws CgiResponseException {
        int end = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        String text = new String(line, 0, end, StandardCharsets.ISO_8859_1);
        lineLength = 0;
        boolean first = firstLine;
        firstLine = false;
        if (text.isEmpty()) {
            response = classify();
            return true;
        }
        if (first && text.startsWith("HTTP/")) statusLine = parseStatusLine(text);
        else parseField(text);
        return false;
    }

    /** {@code HTTP/1.x SSS reason}: the version is one digit, dot, one digit; the reason may be empty. */
    private static Status parseStatusLine(String text) throws CgiResponseException {
        if (text.length() < 12 || text.charAt(8) != ' ' || !Character.isDigit(text.charAt(5)) || text.charAt(6) != '.'
                || !Character.isDigit(text.charAt(7))) {
            throw new CgiResponseException("response status line is not HTTP/x.y followed by a status: " + quote(text));
        }
        // Field values are checked in parseField; the reason phrase must pass the same rule.
        if (!HeaderRules.isFieldValue(text)) throw new CgiResponseException("response status line has a control character: " + quote(text));
        return parseStatus(text.substring(9));
    }

    private void parseField(String text) throws CgiResponseException {
        if (text.indexOf('\r') >= 0) throw new CgiResponseException("CGI response head has a CR that does not end a line");
        char first = text.charAt(0);
        if (first == ' ' || first == '\t') throw new CgiResponseException("CGI response head has a folded line (obs-fold): " + quote(text));
        int colon = text.indexOf(':');
        if (colon <= 0) throw new CgiResponseException("CGI response head line is not a field: " + quote(text));
        String name = text.substring(0, colon);
        if (!HeaderRules.isToken(name)) throw new CgiResponseException("CGI response field name is not a token: " + quote(name));
        String value = stripWhitespace(text.substring(colon + 1));
        if (!HeaderRules.isFieldValue(value)) throw new CgiResponseException("CGI response field " + name + " has a control character in its value");
        if (fields.size() == maxFields) throw new CgiResponseException("CGI response head has more than " + maxFields + " fields");
        fields.add(Header.of(name, value));
    }

    private CgiResponse classify() throws CgiResponseException {
        if (statusLine != null) return classifyStatusLine();
        if (fields.isEmpty()) throw new CgiResponseException("CGI response head has no fields (at least one of Content-Type, Location, Status is required)");
        String statusText = single("Status");
        String location = single("Location");
        single("Content-Type");
        Status status = statusText == null ? null : parseStatus(statusText);
        List<Header> forwarded = new ArrayList<>(fields.size());
        for (Header h : fields) {
            if (!h.is("Status") && !HeaderRules.isHopByHop(h.name())) forwarded.add(h);
        }
        if (location == null) return new CgiResponse(CgiResponse.Kind.DOCUMENT, status == null ? Status.OK : status, forwarded, null);
        if (CgiLocations.isLocalPath(location) && (status == null || status.code() == 200)) {
            return new CgiResponse(CgiResponse.Kind.LOCAL_REDIRECT, status == null ? Status.OK : status, List.of(), location);
        }
        if (status != null) return new CgiResponse(CgiResponse.Kind.DOCUMENT, status, forwarded, location);
        if (!CgiLocations.isAbsoluteUri(location)) {
            throw new CgiResponseException("CGI Location is neither a local path nor an absolute URI, and no Status was given: " + quote(location));
        }
        return new CgiResponse(CgiResponse.Kind.CLIENT_REDIRECT, Status.of(302), forwarded, location);
    }

    private CgiResponse classifyStatusLine() throws CgiResponseException {
        if (single("Status") != null) throw new CgiResponseException("response has both a status line and a Status field");
        String location = single("Location");
        single("Content-Type");
        List<Header> forwarded = new ArrayList<>(fields.size());
        for (Header h : fields) {
            if (!HeaderRules.isHopByHop(h.name())) forwarded.add(h);
        }
        return new CgiResponse(CgiResponse.Kind.DOCUMENT, statusLine, forwarded, location);
    }

    /** The value of a CGI field that may appear once (6.3), or null. */
    private String single(String name) throws CgiResponseException {
        String found = null;
        for (Header h : fields) {
            if (!h.is(name)) continue;
            if (found != null) throw new CgiResponseException("CGI response has more than one " + name + " field");
            found = h.value();
        }
        return found;
    }

    /** {@code Status: 404 Not Found}; a missing reason (just {@code 404}) is accepted, as every server does. */
    private static Status parseStatus(String value) throws CgiResponseException {
        Status status;
        try {
            status = Status.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CgiResponseException("CGI Status is not three digits and a reason: " + quote(value));
        }
        // An interim (1xx) status cannot be the final answer of a script.
        if (status.code() < 200) throw new CgiResponseException("CGI Status " + status.code() + " is not a final status");
        return status.reason().isEmpty() ? Status.of(status.code()) : status;
    }

    private static String stripWhitespace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) start++;
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) end--;
        return s.substring(start, end);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        int limit = Math.min(s.length(), 200);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        if (s.length() > limit) b.append("...");
        return b.append('"').toString();
    }
}
