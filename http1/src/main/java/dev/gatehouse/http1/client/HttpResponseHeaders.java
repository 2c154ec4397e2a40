package dev.gatehouse.http1.client;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.PathCodec;
import dev.gatehouse.core.HeaderRules;
import dev.gatehouse.http1.codec.Http1Headers;
import dev.gatehouse.http1.codec.Http1Response;
import dev.gatehouse.http1.codec.Http1ResponseEncoder.Framing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The backend's response headers as the client gets them:
 * <ul>
 *   <li>hop-by-hop fields are dropped (Connection and the names it lists, Keep-Alive,
 *       Proxy-Connection, TE, Trailer, Transfer-Encoding, Upgrade, and the Proxy-Authenticate and
 *       Proxy-Authorization the interface reserves to the server): the front frames the body and
 *       manages its own connection;</li>
 *   <li>{@code Date} and {@code Server} are dropped for the front's own, as nginx does;</li>
 *   <li>{@code Content-Length} stays when the body is passed on as is (and on HEAD and 304
 *       answers, which announce the length of the body they leave out), never on a 204;</li>
 *   <li>{@code Location} is rewritten as nginx's {@code proxy_redirect default} does: a URL on the
 *       backend under the prefix ({@code http://HOST-HEADER/PREFIX/x}) becomes the same place under
 *       the mount as the client sees it ({@code SCHEME://CLIENT-HOST/MOUNT/x}); any other
 *       Location passes unchanged.</li>
 * </ul>
 */
final class HttpResponseHeaders {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer",
            "transfer-encoding", "upgrade", "proxy-authenticate", "proxy-authorization");
    private static final Set<String> REPLACED = Set.of("date", "server");

    private HttpResponseHeaders() {
    }

    static List<Header> forClient(Http1Response response, Environ env, HttpTarget target) {
        Http1Headers headers = response.headers();
        Set<String> listed = connectionOptions(headers);
        int code = response.status().code();
        boolean keepLength = response.framing() == Framing.CONTENT_LENGTH || (response.framing() == Framing.NONE && code != 204);
        List<Header> out = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            String lower = HeaderRules.asciiLower(name);
            if (HOP_BY_HOP.contains(lower) || REPLACED.contains(lower) || listed.contains(lower)) continue;
            if (lower.equals("content-length") && !keepLength) continue;
            String value = headers.value(i);
            if (lower.equals("location")) value = rewriteLocation(value, env, target);
            out.add(Header.of(name, value));
        }
        return out;
    }

    private static Set<String> connectionOptions(Http1Headers headers) {
        Set<String> listed = null;
        for (int i = 0; i < headers.size(); i++) {
            if (!headers.name(i).equalsIgnoreCase("Connection")) continue;
            if (listed == null) listed = new HashSet<>();
            for (String option : headers.value(i).split(",")) listed.add(HeaderRules.asciiLower(option.strip()));
        }
        return listed == null ? Set.of() : listed;
    }

    /** nginx's {@code proxy_redirect default}: the backend's URL for the prefix becomes the client's URL for the mount. */
    static String rewriteLocation(String location, Environ env, HttpTarget target) {
        String base = "http://" + target.hostHeader();
        if (!location.regionMatches(true, 0, base, 0, base.length())) return location;
        String prefix = target.pathPrefix();
        if (!location.startsWith(prefix, base.length())) return location;
        int rest = base.length() + prefix.length();
        if (rest < location.length() && "/?#".indexOf(location.charAt(rest)) < 0) return location;
        String tail = location.substring(rest);
        String mount = PathCodec.encode(env.scriptName());
        if (mount.isEmpty() && !tail.startsWith("/")) tail = "/" + tail;
        return env.urlScheme() + "://" + HttpEnvironEncoder.clientHost(env) + mount + tail;
    }
}
