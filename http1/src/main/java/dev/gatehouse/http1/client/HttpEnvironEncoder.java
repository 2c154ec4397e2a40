package dev.gatehouse.http1.client;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.PathCodec;
import dev.gatehouse.core.HeaderRules;
import dev.gatehouse.core.ProtocolException;
import dev.gatehouse.http1.codec.Http1ResponseEncoder.ByteSink;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns the environ back into an HTTP/1.1 request head for the backend, as nginx's
 * {@code proxy_pass} builds one:
 * <ul>
 *   <li>the target is the mount's path prefix plus PATH_INFO, the raw bytes of REQUEST_URI where
 *       they decode to exactly SCRIPT_NAME + PATH_INFO (so {@code %2F} and other escapes reach the
 *       backend as the client wrote them), else PATH_INFO percent-encoded; then the query;</li>
 *   <li>{@code Host} is the backend's ({@link HttpTarget#hostHeader()}, nginx's {@code $proxy_host});</li>
 *   <li>every {@code HTTP_*} header goes on as {@code Title-Case} except the hop-by-hop ones
 *       (Connection and the names it lists, Keep-Alive, Proxy-Connection, TE, Trailer,
 *       Transfer-Encoding, Upgrade), {@code Expect} (the front answers it), and {@code Proxy}
 *       (httpoxy: the backend may hand it to CGI scripts as HTTP_PROXY);
 *       {@code Proxy-Authorization} passes, as in nginx;</li>
 *   <li>{@code X-Forwarded-For} gets REMOTE_ADDR appended; {@code X-Forwarded-Proto} and
 *       {@code X-Forwarded-Host} are set to what this hop saw; {@code Forwarded} (RFC 7239) and
 *       {@code Via} (RFC 9110 section 7.6.3) get an element appended;</li>
 *   <li>the body is framed by CONTENT_LENGTH, or chunked when it has no length (a chunked upload).</li>
 * </ul>
 */
final class HttpEnvironEncoder {
    /** The pseudonym this hop gives itself in {@code Via}. */
    static final String VIA_PSEUDONYM = "gatehouse";

    private static final Set<String> NOT_FORWARDED = Set.of(
            "HTTP_HOST", "HTTP_CONNECTION", "HTTP_KEEP_ALIVE", "HTTP_PROXY_CONNECTION", "HTTP_TE", "HTTP_TRAILER",
            "HTTP_TRANSFER_ENCODING", "HTTP_UPGRADE", "HTTP_EXPECT", "HTTP_PROXY", "HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH",
            "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST", "HTTP_FORWARDED", "HTTP_VIA");

    private HttpEnvironEncoder() {
    }

    /**
     * A request head ready to send.
     *
     * @param bodyLength the body's length, 0 for none, -1 for a body of unknown length (sent chunked)
     */
    record Request(String method, String target, byte[] head, long bodyLength) {
        boolean chunked() {
            return bodyLength < 0;
        }
    }

    /** Builds the head; a request the environ cannot describe validly is a 400. */
    static Request encode(Environ env, HttpTarget backend) throws ProtocolException {
        String method = env.requestMethod();
        if (!HeaderRules.isToken(method)) throw new ProtocolException(400, "request method is not a token");
        long bodyLength = bodyLength(env);
        String target = requestTarget(env, backend);
        Set<String> listed = listedKeys(env);

        ByteSink out = new ByteSink(1024);
        out.ascii(method).put((byte) ' ').latin1(target).ascii(" HTTP/1.1\r\n");
        field(out, "Host", backend.hostHeader());
        for (String key : env.keys()) {
            if (!key.startsWith(EnvironKeys.HTTP_PREFIX) || NOT_FORWARDED.contains(key) || listed.contains(key)) continue;
            String value = env.getString(key);
            String name = headerName(key.substring(EnvironKeys.HTTP_PREFIX.length()));
            if (value != null && name != null) field(out, name, value);
        }
        String contentType = env.contentType();
        if (contentType != null && !contentType.isEmpty()) field(out, "Content-Type", contentType);
        String declared = env.getString(EnvironKeys.CONTENT_LENGTH);
        if (bodyLength >= 0 && declared != null && !declared.isEmpty()) field(out, "Content-Length", Long.toString(bodyLength));
        if (bodyLength < 0) field(out, "Transfer-Encoding", "chunked");
        forwardedFields(out, env, listed);
        out.ascii("\r\n");
        return new Request(method, target, Arrays.copyOf(out.array(), out.size()), bodyLength);
    }

    private static long bodyLength(Environ env) throws ProtocolException {
        String declared = env.getString(EnvironKeys.CONTENT_LENGTH);
        if (declared != null && !declared.isEmpty()) {
            long n = env.contentLength();
            if (n < 0) throw new ProtocolException(400, "malformed CONTENT_LENGTH: " + declared);
            return n;
        }
        boolean chunkedUpload = env.getBoolean(EnvironKeys.INPUT_TERMINATED) && env.getString("HTTP_TRANSFER_ENCODING") != null;
        return chunkedUpload ? -1 : 0;
    }

    /** The environ keys of the headers the client's Connection names (RFC 9110 section 7.6.1): not forwarded either. */
    private static Set<String> listedKeys(Environ env) {
        String connection = env.getString("HTTP_CONNECTION");
        if (connection == null) return Set.of();
        Set<String> listed = new HashSet<>();
        for (String option : connection.split(",")) {
            String name = option.strip();
            if (!HeaderRules.isToken(name)) continue;
            StringBuilder key = new StringBuilder(EnvironKeys.HTTP_PREFIX);
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                key.append(c == '-' ? '_' : (c >= 'a' && c <= 'z') ? (char) (c - 32) : c);
            }
            listed.add(key.toString());
        }
        return listed;
    }

    /** {@code ACCEPT_ENCODING} -> {@code Accept-Encoding}; null if the result is not a token. */
    static String headerName(String keyRest) {
        StringBuilder name = new StringBuilder(keyRest.length());
        boolean wordStart = true;
        for (int i = 0; i < keyRest.length(); i++) {
            char c = keyRest.charAt(i);
            if (c == '_') {
                name.append('-');
                wordStart = true;
                continue;
            }
            if (wordStart && c >= 'a' && c <= 'z') c -= 32;
            else if (!wordStart && c >= 'A' && c <= 'Z') c += 32;
            name.append(c);
            wordStart = false;
        }
        String s = name.toString();
        return HeaderRules.isToken(s) ? s : null;
    }

    /** The request-target: prefix + path under the mount (raw where possible) + query. */
    static String requestTarget(Environ env, HttpTarget backend) {
        String path = rawPathInfo(env);
        if (!path.isEmpty() && path.charAt(0) != '/') path = "/" + path;
        String target = backend.pathPrefix() + path;
        if (target.isEmpty()) target = "/";
        String query = env.queryString();
        return query.isEmpty() ? target : target + "?" + escapeQuery(query);
    }

    /**
     * PATH_INFO as the client wrote it: the tail of REQUEST_URI's path after the bytes that decode
     * to SCRIPT_NAME, when the whole raw path decodes to SCRIPT_NAME + PATH_INFO (nothing rewrote
     * them); otherwise PATH_INFO percent-encoded.
     */
    static String rawPathInfo(Environ env) {
        String script = env.scriptName();
        String info = env.pathInfo();
        String raw = rawPath(env.getString(EnvironKeys.REQUEST_URI));
        String decoded = raw == null ? null : PathCodec.decode(raw);
        if (decoded == null || !decoded.equals(script + info)) return PathCodec.encode(info);
        int i = 0;
        for (int consumed = 0; consumed < script.length(); consumed++) i += raw.charAt(i) == '%' ? 3 : 1;
        return raw.substring(i);
    }

    /** The path of a request-target (origin- or absolute-form), or null if it holds bytes a target may not. */
    private static String rawPath(String uri) {
        if (uri == null) return null;
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        int scheme = path.indexOf("://");
        if (!path.startsWith("/") && scheme > 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        if (!path.startsWith("/")) return null;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7F || c == '#') return null;
        }
        return path;
    }

    /** The query as received, with any byte a request-target cannot hold percent-encoded (the HTTP front never has any). */
    private static String escapeQuery(String query) {
        StringBuilder out = null;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            boolean ok = c > 0x20 && c < 0x7F && c != '#';
            if (ok) {
                if (out != null) out.append(c);
                continue;
            }
            if (out == null) out = new StringBuilder(query.length() + 8).append(query, 0, i);
            int b = c & 0xFF;
            out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16))).append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
        }
        return out == null ? query : out.toString();
    }

    /** X-Forwarded-For/-Proto/-Host, Forwarded and Via: what this hop knows of the client. */
    private static void forwardedFields(ByteSink out, Environ env, Set<String> listed) {
        String remote = env.getString(EnvironKeys.REMOTE_ADDR);
        String scheme = env.urlScheme();
        String host = clientHost(env);
        String xff = remote == null || remote.isEmpty() ? prior(env, listed, "HTTP_X_FORWARDED_FOR") : appended(env, listed, "HTTP_X_FORWARDED_FOR", remote);
        if (xff != null) field(out, "X-Forwarded-For", xff);
        field(out, "X-Forwarded-Proto", scheme);
        field(out, "X-Forwarded-Host", host);
        String element = "for=" + forwardedNode(remote) + ";proto=" + forwardedValue(scheme) + ";host=" + forwardedValue(host);
        field(out, "Forwarded", appended(env, listed, "HTTP_FORWARDED", element));
        field(out, "Via", appended(env, listed, "HTTP_VIA", viaVersion(env) + " " + VIA_PSEUDONYM));
    }

    /** The client's value of a list header, unless its Connection made it hop-by-hop. */
    private static String prior(Environ env, Set<String> listed, String key) {
        String value = listed.contains(key) ? null : env.getString(key);
        return value == null || value.isEmpty() || !HeaderRules.isFieldValue(value) ? null : value;
    }

    private static String appended(Environ env, Set<String> listed, String key, String element) {
        String prior = prior(env, listed, key);
        return prior == null ? element : prior + ", " + element;
    }

    /** The host the client asked for: its Host header, else the server's name and port. */
    static String clientHost(Environ env) {
        String host = env.getString("HTTP_HOST");
        if (host != null && !host.isEmpty()) return host;
        String name = env.getString(EnvironKeys.SERVER_NAME, "localhost");
        String port = env.getString(EnvironKeys.SERVER_PORT, "");
        boolean defaultPort = env.urlScheme().equals("https") ? port.equals("443") : port.equals("80");
        return port.isEmpty() || defaultPort ? name : name + ":" + port;
    }

    /** RFC 7239 section 6: an IPv4 address as a token, an IPv6 one quoted in brackets, "unknown" for anything else. */
    static String forwardedNode(String remote) {
        if (remote == null || remote.isEmpty()) return "unknown";
        if (remote.indexOf(':') >= 0) {
            int zone = remote.indexOf('%');
            String address = zone < 0 ? remote : remote.substring(0, zone);
            for (int i = 0; i < address.length(); i++) {
                if (Character.digit(address.charAt(i), 16) < 0 && address.charAt(i) != ':' && address.charAt(i) != '.') return "unknown";
            }
            return "\"[" + address + "]\"";
        }
        for (int i = 0; i < remote.length(); i++) {
            char c = remote.charAt(i);
            if ((c < '0' || c > '9') && c != '.') return "unknown";
        }
        return remote;
    }

    /** A token as is, anything else as a quoted-string. */
    static String forwardedValue(String value) {
        if (HeaderRules.isToken(value)) return value;
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') quoted.append('\\');
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    /** The protocol version of the request as this hop received it ("1.1" unless SERVER_PROTOCOL says HTTP/1.0). */
    private static String viaVersion(Environ env) {
        String protocol = env.getString(EnvironKeys.SERVER_PROTOCOL, "");
        return protocol.equals("HTTP/1.0") ? "1.0" : "1.1";
    }

    /** One field line; a value with CR, LF or another control byte (possible from other adapters) is left out. */
    private static void field(ByteSink out, String name, String value) {
        if (!HeaderRules.isFieldValue(value)) return;
        out.latin1(name).put((byte) ':').put((byte) ' ').latin1(value).ascii("\r\n");
    }
}
