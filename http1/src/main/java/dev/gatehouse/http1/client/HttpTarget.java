package dev.gatehouse.http1.client;

import dev.gatehouse.core.net.ListenAddress;

/**
 * An HTTP backend as a mount names it, the way nginx's {@code proxy_pass} does:
 * <pre>
 * http://HOST[:PORT][/PREFIX][?OPTIONS]      TCP; [::1]:8080 for IPv6; port 80 when omitted
 * http:unix:PATH[:/PREFIX][?OPTIONS]         a Unix-domain socket (nginx: http://unix:PATH:/PREFIX)
 * OPTIONS: pool=N (connections at most), host=NAME (the Host header sent), joined by '&amp;'
 * </pre>
 * The mount's path is replaced by PREFIX: mounted at {@code /app}, {@code http://b:8081/v1} sends
 * {@code /app/x?q} as {@code /v1/x?q}, like nginx's {@code location /app/ { proxy_pass http://b:8081/v1/; }}.
 * A trailing '/' of PREFIX is dropped ({@code /v1/} and {@code /v1} are the same mount). A Unix
 * socket path ends at the first ':' after {@code unix:}, as in nginx.
 *
 * @param address where the backend listens
 * @param hostHeader the Host header sent to the backend: by default the host and port as written
 *     (nginx's {@code $proxy_host}: the port left out when it is 80), {@code localhost} for a Unix socket
 * @param pathPrefix the path the mount maps to, percent-encoded as sent, without a trailing '/'
 *     ("" for none)
 * @param poolSize connections to keep to this backend at most, or 0 for the configured default
 */
public record HttpTarget(ListenAddress address, String hostHeader, String pathPrefix, int poolSize) {
    public static final String SCHEME = "http";
    private static final int DEFAULT_PORT = 80;
    private static final int MAX_POOL = 10_000;
    private static final String UNIX_HOST = "localhost";

    public HttpTarget {
        if (address == null || hostHeader == null || pathPrefix == null) throw new IllegalArgumentException("address, host and prefix must not be null");
        if (!pathPrefix.isEmpty() && (!pathPrefix.startsWith("/") || pathPrefix.endsWith("/") || !isPath(pathPrefix))) {
            throw new IllegalArgumentException("path prefix must start with '/', not end with '/', and be a percent-encoded path: '" + pathPrefix + "'");
        }
        if (hostHeader.isEmpty() || !isHost(hostHeader)) throw new IllegalArgumentException("not a valid Host header value: '" + hostHeader + "'");
        if (poolSize < 0 || poolSize > MAX_POOL) throw new IllegalArgumentException("pool must be between 1 and " + MAX_POOL);
    }

    /** Parses a mount's target; throws with a message naming the problem. */
    public static HttpTarget parse(String spec) {
        String usage = "expected http://HOST[:PORT][/PREFIX] or http:unix:PATH[:/PREFIX], optionally with ?pool=N&host=NAME, got '" + spec + "'";
        if (!spec.startsWith(SCHEME + ":")) throw new IllegalArgumentException(usage);
        String rest = spec.substring(SCHEME.length() + 1);
        int q = rest.indexOf('?');
        String where = q < 0 ? rest : rest.substring(0, q);
        String host = null;
        int pool = 0;
        if (q >= 0) {
            for (String option : rest.substring(q + 1).split("&", -1)) {
                if (option.startsWith("pool=") && pool == 0) pool = parsePool(option.substring(5), spec);
                else if (option.startsWith("host=") && host == null) host = option.substring(5);
                else throw new IllegalArgumentException("the options of an http target are pool=N and host=NAME, each once, in '" + spec + "'");
            }
        }
        ListenAddress address;
        String prefix;
        if (where.startsWith("unix:")) {
            int colon = where.indexOf(':', 5);
            address = ListenAddress.parse(colon < 0 ? where : where.substring(0, colon));
            prefix = colon < 0 ? "" : where.substring(colon + 1);
            if (colon >= 0 && !prefix.startsWith("/")) throw new IllegalArgumentException("the prefix after the socket path must start with '/', in '" + spec + "'");
        } else if (where.startsWith("//")) {
            String authority = where.substring(2);
            int slash = authority.indexOf('/');
            prefix = slash < 0 ? "" : authority.substring(slash);
            address = parseHostPort(slash < 0 ? authority : authority.substring(0, slash), spec, usage);
        } else {
            throw new IllegalArgumentException(usage);
        }
        if (prefix.indexOf('#') >= 0 || !isPath(prefix)) throw new IllegalArgumentException("the prefix must be a percent-encoded path, in '" + spec + "'");
        while (prefix.endsWith("/")) prefix = prefix.substring(0, prefix.length() - 1);
        if (host == null) host = defaultHostHeader(address);
        else if (host.isEmpty() || !isHost(host)) throw new IllegalArgumentException("host= must be a host name with an optional port, in '" + spec + "'");
        return new HttpTarget(address, host, prefix, pool);
    }

    private static ListenAddress parseHostPort(String authority, String spec, String usage) {
        if (authority.isEmpty() || authority.indexOf('@') >= 0 || authority.startsWith("unix:")) throw new IllegalArgumentException(usage);
        int close = authority.startsWith("[") ? authority.indexOf(']') : -1;
        if (authority.startsWith("[") && close < 0) throw new IllegalArgumentException("unclosed '[' in '" + spec + "'");
        int colon = authority.indexOf(':', Math.max(close, 0));
        if (close < 0 && colon >= 0 && authority.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("an IPv6 address must be in brackets, as in http://[::1]:8080, in '" + spec + "'");
        }
        ListenAddress address;
        if (colon < 0) {
            String host = close < 0 ? authority : authority.substring(1, close);
            if (close >= 0 && close != authority.length() - 1) throw new IllegalArgumentException(usage);
            address = ListenAddress.tcp(host, DEFAULT_PORT);
        } else {
            address = ListenAddress.parse(authority);
        }
        if (address.host().isEmpty() || !isHost(address.host())) throw new IllegalArgumentException("not a host name or address in '" + spec + "'");
        if (address.port() == 0) throw new IllegalArgumentException("port 0 is not a backend port in '" + spec + "'");
        return address;
    }

    /** nginx's {@code $proxy_host}: host and port as written, the port left out when it is 80. */
    private static String defaultHostHeader(ListenAddress address) {
        if (address.isUnix()) return UNIX_HOST;
        String host = address.host().indexOf(':') >= 0 ? "[" + address.host() + "]" : address.host();
        return address.port() == DEFAULT_PORT ? host : host + ":" + address.port();
    }

    private static int parsePool(String text, String spec) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || i > 5) throw new IllegalArgumentException("pool must be a number of connections, in '" + spec + "'");
            n = n * 10 + (c - '0');
        }
        if (n < 1 || n > MAX_POOL) throw new IllegalArgumentException("pool must be between 1 and " + MAX_POOL + ", in '" + spec + "'");
        return n;
    }

    /** RFC 3986 path characters (pchar and '/'), with '%' only as the start of a valid escape. */
    private static boolean isPath(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0 || Character.digit(s.charAt(i + 2), 16) < 0
                        || s.charAt(i + 1) > 'f' || s.charAt(i + 2) > 'f') return false;
                continue;
            }
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }

    /** uri-host [ ":" port ] characters: reg-name, IPv4, or an IP literal in brackets. */
    private static boolean isHost(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=:[]%".indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        String where = address.isUnix()
                ? SCHEME + ":" + address + (pathPrefix.isEmpty() ? "" : ":" + pathPrefix)
                : SCHEME + "://" + address + pathPrefix;
        String options = (hostHeader.equals(defaultHostHeader(address)) ? "" : "&host=" + hostHeader)
                + (poolSize == 0 ? "" : "&pool=" + poolSize);
        return options.isEmpty() ? where : where + "?" + options.substring(1);
    }
}
