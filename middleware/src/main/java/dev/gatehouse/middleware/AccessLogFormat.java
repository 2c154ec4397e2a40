package dev.gatehouse.middleware;

import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.Header;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The shape of an {@link AccessLog} line: Apache's Combined Log Format, JSON lines, or a pattern
 * in the manner of nginx's {@code log_format} ({@code $remote_addr - $remote_user [$time_local]
 * "$request" $status $body_bytes_sent}).
 *
 * <h2>Variables</h2>
 * Named as nginx names them. Request line, method, URI, path and query are the request's as it
 * arrived; the rest is read when the line is written.
 * <table>
 *   <caption>access log variables</caption>
 *   <tr><td>{@code remote_addr}, {@code remote_port}</td><td>the client (after {@link TrustedProxies})</td></tr>
 *   <tr><td>{@code remote_user}</td><td>{@code REMOTE_USER} (after {@link BasicAuth})</td></tr>
 *   <tr><td>{@code time_local}, {@code time_iso8601}, {@code msec}</td><td>when the request arrived:
 *       {@code 10/Oct/2000:13:55:36 -0700}, {@code 2000-10-10T13:55:36-07:00}, seconds since the epoch with milliseconds</td></tr>
 *   <tr><td>{@code request}</td><td>the request line, {@code GET /a?b=1 HTTP/1.1}</td></tr>
 *   <tr><td>{@code request_method}, {@code request_uri}, {@code uri}, {@code args}
 *       ({@code query_string}), {@code server_protocol}</td><td>its parts; {@code uri} is the
 *       percent-decoded path</td></tr>
 *   <tr><td>{@code scheme}, {@code host}, {@code server_name}, {@code server_port}</td><td>the URL the client used</td></tr>
 *   <tr><td>{@code content_length}, {@code content_type}</td><td>of the request body</td></tr>
 *   <tr><td>{@code status}, {@code body_bytes_sent}</td><td>the final status and the body bytes let through</td></tr>
 *   <tr><td>{@code request_time}</td><td>seconds from arrival to the end of the body, with milliseconds</td></tr>
 *   <tr><td>{@code http_NAME}</td><td>a request header, {@code $http_user_agent}, {@code $http_x_forwarded_for}</td></tr>
 *   <tr><td>{@code sent_http_NAME}</td><td>a response header as the app gave it, {@code $sent_http_content_type}</td></tr>
 *   <tr><td>{@code pid}</td><td>this process</td></tr>
 * </table>
 * An unknown variable is an error when the format is made, naming every unknown one. In a
 * pattern, an absent or empty value is logged as {@code -}, and values are escaped as Apache
 * escapes log items (quotes, backslashes, controls and non-ASCII bytes), so a request cannot
 * forge a line. In JSON, absent values are {@code null}, {@code status}, {@code body_bytes_sent},
 * {@code request_time} and {@code msec} are numbers, and strings are the request's bytes decoded as
 * UTF-8 (as Latin-1 where they are not valid UTF-8), escaped for JSON.
 */
public final class AccessLogFormat {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final Set<String> NUMERIC = Set.of("status", "body_bytes_sent", "request_time", "msec");
    private static final Map<String, Function<AccessLogEntry, String>> VARIABLES = variables();

    /** The variables of {@link #json()}, in order. */
    public static final List<String> DEFAULT_JSON_FIELDS = List.of("time_iso8601", "remote_addr", "remote_user",
            "request_method", "request_uri", "server_protocol", "status", "body_bytes_sent", "request_time",
            "http_referer", "http_user_agent");

    private static final AccessLogFormat COMBINED = new AccessLogFormat("combined",
            entry -> entry.format(entry.status, entry.bytes));

    private final String description;
    private final Function<AccessLogEntry, String> formatter;

    private AccessLogFormat(String description, Function<AccessLogEntry, String> formatter) {
        this.description = description;
        this.formatter = formatter;
    }

    /** Apache's Combined Log Format (nginx's predefined {@code combined}, with {@code -} for an empty body). */
    public static AccessLogFormat combined() {
        return COMBINED;
    }

    /** One JSON object per line with the {@link #DEFAULT_JSON_FIELDS}. */
    public static AccessLogFormat json() {
        return json(DEFAULT_JSON_FIELDS);
    }

    /** One JSON object per line, one member per variable, named after it. */
    public static AccessLogFormat json(List<String> variables) {
        List<String> names = List.copyOf(variables);
        List<Function<AccessLogEntry, String>> getters = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        for (String name : names) {
            Function<AccessLogEntry, String> getter = resolve(name);
            if (getter == null) unknown.add(name);
            getters.add(getter);
        }
        reportUnknown(unknown, "JSON access log fields");
        return new AccessLogFormat("json" + names, entry -> {
            StringBuilder line = new StringBuilder(256).append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) line.append(',');
                String name = names.get(i);
                JsonText.appendString(line, name);
                line.append(':');
                String value = getters.get(i).apply(entry);
                if (value == null) line.append("null");
                else if (NUMERIC.contains(name)) line.append(value);
                else JsonText.appendString(line, value);
            }
            return line.append('}').toString();
        });
    }

    /**
     * A line made of {@code pattern}, each {@code $name} or {@code ${name}} replaced by its value.
     *
     * @throws IllegalArgumentException naming every unknown variable, or a {@code $} with no name
     */
    public static AccessLogFormat pattern(String pattern) {
        List<Object> parts = new ArrayList<>(); // literal Strings and variable getters
        Set<String> unknown = new TreeSet<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c != '$') {
                literal.append(c);
                i++;
                continue;
            }
            int start;
            int end;
            int next;
            if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
                start = i + 2;
                end = pattern.indexOf('}', start);
                if (end < 0) throw new IllegalArgumentException("unclosed ${ at index " + i + " of the access log format");
                next = end + 1;
            } else {
                start = i + 1;
                end = start;
                while (end < pattern.length() && isNameChar(pattern.charAt(end))) end++;
                next = end;
            }
            String name = pattern.substring(start, end);
            if (name.isEmpty() || !name.chars().allMatch(ch -> isNameChar((char) ch))) {
                throw new IllegalArgumentException("a $ without a variable name at index " + i + " of the access log format");
            }
            Function<AccessLogEntry, String> getter = resolve(name);
            if (getter == null) unknown.add(name);
            if (!literal.isEmpty()) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            parts.add(getter);
            i = next;
        }
        if (!literal.isEmpty()) parts.add(literal.toString());
        reportUnknown(unknown, "access log variables");
        List<Object> compiled = List.copyOf(parts.stream().map(p -> p == null ? "" : p).toList());
        return new AccessLogFormat("pattern " + pattern, entry -> {
            StringBuilder line = new StringBuilder(200);
            for (Object part : compiled) {
                if (part instanceof String s) {
                    line.append(s);
                    continue;
                }
                @SuppressWarnings("unchecked")
                String value = ((Function<AccessLogEntry, String>) part).apply(entry);
                if (value == null || value.isEmpty()) line.append('-');
                else LogEscaper.append(line, value);
            }
            return line.toString();
        });
    }

    /** Every variable name a format may use; {@code http_*} and {@code sent_http_*} stand for families. */
    public static Set<String> variableNames() {
        Set<String> names = new TreeSet<>(VARIABLES.keySet());
        names.add("http_*");
        names.add("sent_http_*");
        return names;
    }

    String format(AccessLogEntry entry) {
        return formatter.apply(entry);
    }

    @Override
    public String toString() {
        return description;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static void reportUnknown(Set<String> unknown, String what) {
        if (unknown.isEmpty()) return;
        throw new IllegalArgumentException("unknown " + what + ": $" + String.join(", $", unknown)
                + "; known: " + String.join(", ", variableNames()));
    }

    private static Function<AccessLogEntry, String> resolve(String name) {
        Function<AccessLogEntry, String> fixed = VARIABLES.get(name);
        if (fixed != null) return fixed;
        if (name.startsWith("sent_http_") && name.length() > 10) {
            String header = name.substring(10).replace('_', '-');
            return e -> {
                List<String> values = new ArrayList<>();
                for (Header h : e.responseHeaders) {
                    if (h.is(header)) values.add(h.value());
                }
                return values.isEmpty() ? null : String.join(", ", values);
            };
        }
        if (name.startsWith("http_") && name.length() > 5) {
            String key = HeaderLists.lower(name.substring(5)).toUpperCase(java.util.Locale.ROOT);
            String environKey = key.equals("CONTENT_TYPE") || key.equals("CONTENT_LENGTH") ? key : EnvironKeys.HTTP_PREFIX + key;
            return e -> e.environ.getString(environKey);
        }
        return null;
    }

    private static Map<String, Function<AccessLogEntry, String>> variables() {
        Map<String, Function<AccessLogEntry, String>> v = new LinkedHashMap<>();
        v.put("remote_addr", AccessLogEntry::remoteAddr);
        v.put("remote_port", e -> e.environ.getString(EnvironKeys.REMOTE_PORT));
        v.put("remote_user", AccessLogEntry::remoteUser);
        v.put("time_local", AccessLogEntry::timeLocal);
        v.put("time_iso8601", e -> ISO.format(e.received.withNano(0)));
        v.put("msec", e -> millisAsSeconds(e.received.toInstant().toEpochMilli()));
        v.put("request", e -> e.requestLine);
        v.put("request_method", e -> e.method);
        v.put("request_uri", e -> e.requestUri);
        v.put("uri", e -> e.path);
        v.put("args", e -> e.query);
        v.put("query_string", e -> e.query);
        v.put("server_protocol", e -> e.protocol);
        v.put("scheme", e -> e.environ.urlScheme());
        v.put("host", e -> {
            String host = e.environ.getString("HTTP_HOST");
            return host != null ? host : e.environ.getString(EnvironKeys.SERVER_NAME);
        });
        v.put("server_name", e -> e.environ.getString(EnvironKeys.SERVER_NAME));
        v.put("server_port", e -> e.environ.getString(EnvironKeys.SERVER_PORT));
        v.put("content_length", e -> e.environ.getString(EnvironKeys.CONTENT_LENGTH));
        v.put("content_type", e -> e.environ.getString(EnvironKeys.CONTENT_TYPE));
        v.put("status", e -> Integer.toString(e.status));
        v.put("body_bytes_sent", e -> Long.toString(e.bytes));
        v.put("request_time", e -> millisAsSeconds(e.durationNanos / 1_000_000));
        v.put("pid", e -> Long.toString(ProcessHandle.current().pid()));
        return Map.copyOf(v);
    }

    /** {@code 1234} ms as {@code 1.234}. */
    private static String millisAsSeconds(long millis) {
        long ms = Math.abs(millis % 1000);
        return (millis / 1000) + "." + (ms < 10 ? "00" : ms < 100 ? "0" : "") + ms;
    }

    /** JSON string escaping of environ text (one byte per character, usually UTF-8 underneath). */
    static final class JsonText {
        private static final char[] HEX = "0123456789abcdef".toCharArray();

        private JsonText() {
        }

        static void appendString(StringBuilder out, String value) {
            out.append('"');
            String text = asUnicode(value);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029) {
                            out.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15])
                                    .append(HEX[c >> 4 & 15]).append(HEX[c & 15]);
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }

        /** Latin-1 characters that spell valid UTF-8 are decoded; anything else is kept as it is. */
        private static String asUnicode(String s) {
            boolean high = false;
            for (int i = 0; i < s.length() && !high; i++) {
                char c = s.charAt(i);
                if (c > 0xFF) return s; // already text, set by an app
                high = c >= 0x80;
            }
            if (!high) return s;
            try {
                CharBuffer decoded = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1)));
                return decoded.toString();
            } catch (CharacterCodingException e) {
                return s;
            }
        }
    }
}
