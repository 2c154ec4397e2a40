package dev.gatehouse.middleware;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.Middleware;
import dev.gatehouse.api.PathCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Believes the forwarding headers of trusted proxies, and only theirs: nginx's
 * {@code ngx_http_realip_module} ({@code set_real_ip_from}, {@code real_ip_header},
 * {@code real_ip_recursive}), Apache's {@code mod_remoteip}, plus the scheme, host and prefix a
 * proxy passes on.
 *
 * <p>When the peer ({@code REMOTE_ADDR}) is in {@link TrustedProxiesConfig#trusted()}:
 * <ul>
 *   <li>The client is found from the right of {@code X-Forwarded-For} (or of the {@code for=}
 *       nodes of an RFC 7239 {@code Forwarded}): every trusted address is skipped and the first
 *       untrusted one is the client; if all are trusted, the leftmost is. Without
 *       {@link TrustedProxiesConfig#recursive()} the rightmost entry is the client. An entry that
 *       is no address ({@code unknown}, an obfuscated {@code _id}, garbage) stops the walk and the
 *       last address checked stays the client, as nginx and Apache do. The client becomes
 *       {@code REMOTE_ADDR}, and its port {@code REMOTE_PORT} (removed when unknown).</li>
 *   <li>The scheme ({@code proto=}, {@code X-Forwarded-Proto}: http or https) sets
 *       {@code gateway.url_scheme} and {@code HTTPS=on} (or removes it); the host ({@code host=},
 *       {@code X-Forwarded-Host}) sets {@code HTTP_HOST}, {@code SERVER_NAME} and
 *       {@code SERVER_PORT} (the scheme's default port when it names none);
 *       {@code X-Forwarded-Prefix} is put in front of {@code SCRIPT_NAME}. From a Forwarded
 *       header they are read from the element that names the client: it was written by the
 *       outermost trusted proxy, the one the client talked to. A list of X-Forwarded-Proto or
 *       -Host values is read the same way when it is as long as X-Forwarded-For, else its
 *       rightmost value counts.</li>
 *   <li>Malformed values are ignored (logged at debug), never half-applied.</li>
 * </ul>
 * From any other peer, every forwarding header ({@code Forwarded}, {@code X-Forwarded-For},
 * {@code -Proto}, {@code -Host}, {@code -Prefix}, {@code -Port}, {@code X-Real-IP}) is removed
 * from the environ, so nothing further in can mistake a client's claim for a proxy's.
 *
 * <p>The original peer stays available as {@link #PEER} and {@link #PEER_PORT} (nginx's
 * {@code $realip_remote_addr} and {@code $realip_remote_port}).
 */
public final class TrustedProxies implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(TrustedProxies.class);

    /** Environ key: the REMOTE_ADDR of the connection, before this middleware changed it. */
    public static final String PEER = "gatehouse.proxy.peer";
    /** Environ key: the REMOTE_PORT of the connection, before this middleware changed it. */
    public static final String PEER_PORT = "gatehouse.proxy.peer_port";

    private static final List<String> FORWARDING_KEYS = List.of("HTTP_FORWARDED", "HTTP_X_FORWARDED_FOR",
            "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PREFIX", "HTTP_X_FORWARDED_PORT",
            "HTTP_X_REAL_IP");

    private final TrustedProxiesConfig config;
    private final List<CidrBlock> blocks;
    private final boolean trustUnix;

    public TrustedProxies(TrustedProxiesConfig config) {
        this.config = config;
        List<CidrBlock> list = new ArrayList<>();
        boolean unix = false;
        for (String entry : config.trusted()) {
            if (entry.equals("unix:")) unix = true;
            else list.add(CidrBlock.parse(entry));
        }
        this.blocks = List.copyOf(list);
        this.trustUnix = unix;
    }

    /** Trusts {@code trusted} (CIDR blocks, addresses, {@code unix:}) with the other defaults. */
    public static TrustedProxies trusting(String... trusted) {
        return new TrustedProxies(TrustedProxiesConfig.trusting(trusted));
    }

    @Override
    public Application wrap(Application next) {
        return (environ, startResponse) -> {
            apply(environ);
            return next.call(environ, startResponse);
        };
    }

    /** Rewrites the environ as described in the class documentation. */
    void apply(Environ environ) {
        String peer = environ.getString(EnvironKeys.REMOTE_ADDR);
        environ.put(PEER, peer);
        environ.put(PEER_PORT, environ.getString(EnvironKeys.REMOTE_PORT));
        if (!trusted(peer)) {
            for (String key : FORWARDING_KEYS) environ.remove(key);
            return;
        }
        if (config.source() == TrustedProxiesConfig.Source.FORWARDED) applyForwarded(environ);
        else applyXForwarded(environ);
        if (config.usePrefix()) applyPrefix(environ, environ.getString("HTTP_X_FORWARDED_PREFIX"));
    }

    boolean trusted(String address) {
        if (address == null) return false;
        if (address.equals("unix:") || address.startsWith("unix:")) return trustUnix;
        return trusted(IpAddresses.parse(address));
    }

    private boolean trusted(byte[] address) {
        if (address == null) return false;
        for (CidrBlock block : blocks) {
            if (block.contains(address)) return true;
        }
        return false;
    }

    // ---- X-Forwarded-* ----------------------------------------------------------------------

    private void applyXForwarded(Environ environ) {
        String xff = environ.getString("HTTP_X_FORWARDED_FOR");
        List<String> hops = xff == null ? List.of() : HeaderLists.split(xff);
        int index = -1;
        if (hops != null && !hops.isEmpty()) {
            List<ForwardedNode> nodes = new ArrayList<>(hops.size());
            for (String hop : hops) nodes.add(ForwardedNode.parse(hop, true));
            index = walk(environ, nodes);
        } else if (hops == null) {
            log.debug("malformed X-Forwarded-For ignored: {}", xff);
        }
        int count = hops == null ? 0 : hops.size();
        if (config.useProto()) applyProto(environ, pick(environ.getString("HTTP_X_FORWARDED_PROTO"), index, count));
        if (config.useHost()) applyHost(environ, pick(environ.getString("HTTP_X_FORWARDED_HOST"), index, count));
    }

    /** The value of a list header that matches hop {@code index} of {@code count}, else its rightmost value. */
    private static String pick(String field, int index, int count) {
        if (field == null) return null;
        List<String> values = HeaderLists.split(field);
        if (values == null || values.isEmpty()) return null;
        if (index >= 0 && values.size() == count) return values.get(index);
        return values.getLast();
    }

    // ---- RFC 7239 Forwarded -----------------------------------------------------------------

    private void applyForwarded(Environ environ) {
        String field = environ.getString("HTTP_FORWARDED");
        if (field == null) return;
        List<Map<String, String>> elements = parseForwarded(field);
        if (elements == null || elements.isEmpty()) {
            log.debug("malformed Forwarded header ignored: {}", field);
            return;
        }
        List<ForwardedNode> nodes = new ArrayList<>(elements.size());
        for (Map<String, String> e : elements) {
            String node = e.get("for");
            nodes.add(node == null ? new ForwardedNode(null, null, null) : ForwardedNode.parse(node, false));
        }
        int index = walk(environ, nodes);
        Map<String, String> source = elements.get(index);
        if (config.useProto()) applyProto(environ, source.get("proto"));
        if (config.useHost()) applyHost(environ, source.get("host"));
    }

    /**
     * Parses {@code Forwarded} (RFC 7239 section 4) into one map per element, parameter names in
     * lower case, quoted values unquoted; null if the field is malformed (bad syntax, or a
     * parameter twice in one element).
     */
    static List<Map<String, String>> parseForwarded(String field) {
        List<String> elements = HeaderLists.split(field, ',');
        if (elements == null) return null;
        List<Map<String, String>> out = new ArrayList<>(elements.size());
        for (String element : elements) {
            List<String> pairs = HeaderLists.split(element, ';');
            if (pairs == null) return null;
            Map<String, String> params = new HashMap<>();
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                if (eq <= 0) return null;
                String name = HeaderLists.lower(pair.substring(0, eq));
                if (!isToken(name)) return null;
                String value = unquote(pair.substring(eq + 1));
                if (value == null || params.put(name, value) != null) return null;
            }
            out.add(params);
        }
        return out;
    }

    /** A token as it is, a quoted-string without its quotes and escapes; null if it is neither. */
    private static String unquote(String v) {
        if (!v.startsWith("\"")) return isToken(v) ? v : null;
        if (v.length() < 2 || !v.endsWith("\"")) return null;
        StringBuilder out = new StringBuilder(v.length());
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                if (++i >= v.length() - 1) return null;
                c = v.charAt(i);
            } else if (c == '"') {
                return null;
            }
            if ((c < 0x20 && c != '\t') || c == 0x7F) return null;
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }

    // ---- shared steps -----------------------------------------------------------------------

    /**
     * Walks the hops from the right, sets REMOTE_ADDR and REMOTE_PORT to the client found, and
     * returns the index of the last hop looked at: the one whose element the outermost trusted
     * proxy wrote.
     */
    private int walk(Environ environ, List<ForwardedNode> nodes) {
        ForwardedNode client = null;
        int index = nodes.size() - 1;
        for (; index >= 0; index--) {
            ForwardedNode node = nodes.get(index);
            if (!node.isAddress()) break; // unknown or obfuscated: the proxy that said so stays the client
            client = node;
            if (!config.recursive() || !trusted(node.bytes())) break;
        }
        if (index < 0) index = 0;
        if (client != null) {
            environ.put(EnvironKeys.REMOTE_ADDR, client.address());
            environ.put(EnvironKeys.REMOTE_PORT, client.port());
        }
        return index;
    }

    private static void applyProto(Environ environ, String proto) {
        if (proto == null) return;
        String scheme = HeaderLists.lower(proto);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            log.debug("forwarded scheme ignored: {}", proto);
            return;
        }
        environ.put(EnvironKeys.URL_SCHEME, scheme);
        environ.put("HTTPS", scheme.equals("https") ? "on" : null);
    }

    private static void applyHost(Environ environ, String host) {
        if (host == null) return;
        String[] nameAndPort = splitHost(host);
        if (nameAndPort == null) {
            log.debug("forwarded host ignored: {}", host);
            return;
        }
        environ.put("HTTP_HOST", host);
        environ.put(EnvironKeys.SERVER_NAME, nameAndPort[0]);
        String port = nameAndPort[1];
        if (port == null) port = environ.urlScheme().equals("https") ? "443" : "80";
        environ.put(EnvironKeys.SERVER_PORT, port);
    }

    /** {@code host [":" port]} (RFC 3986 section 3.2.2) as {name, port or null}; null if malformed. */
    static String[] splitHost(String host) {
        String name;
        String port = null;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0 || IpAddresses.parseV6(host.substring(1, close)) == null || host.indexOf('%') >= 0) return null;
            name = host.substring(0, close + 1);
            String rest = host.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) return null;
                port = rest.substring(1);
            }
        } else {
            int colon = host.indexOf(':');
            name = colon < 0 ? host : host.substring(0, colon);
            if (colon >= 0) port = host.substring(colon + 1);
            if (name.isEmpty()) return null;
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || "-._~!$&'()*+,;=%".indexOf(c) >= 0;
                if (!ok) return null;
            }
        }
        if (port != null) {
            if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(port) > 65535) {
                return null;
            }
        }
        return new String[] {name, port};
    }

    private static void applyPrefix(Environ environ, String prefix) {
        if (prefix == null) return;
        String p = HeaderLists.trimOws(prefix);
        String decoded = p.startsWith("/") ? PathCodec.decode(p) : null;
        if (decoded == null || !decoded.chars().allMatch(c -> c >= 0x20 && c != 0x7F && c <= 0xFF)) {
            log.debug("X-Forwarded-Prefix ignored: {}", prefix);
            return;
        }
        while (decoded.endsWith("/")) decoded = decoded.substring(0, decoded.length() - 1);
        if (decoded.isEmpty()) return;
        environ.put(EnvironKeys.SCRIPT_NAME, decoded + environ.scriptName());
    }
}
