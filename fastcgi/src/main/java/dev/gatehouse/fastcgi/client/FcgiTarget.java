package dev.gatehouse.fastcgi.client;

import dev.gatehouse.core.net.ListenAddress;

/**
 * A FastCGI backend as a mount names it: {@code fastcgi://HOST:PORT} ({@code [::1]:9000} for
 * IPv6) or {@code fastcgi:unix:PATH}, either with an optional {@code ?root=DIR}. With a root, the
 * client maps the URL path under the mount to a script file the way nginx's PHP recipe does
 * ({@link ScriptSplit}); without one, SCRIPT_NAME and PATH_INFO pass through unchanged.
 *
 * @param address where the backend listens
 * @param documentRoot the backend's document root (absolute, no trailing '/'), or null
 */
public record FcgiTarget(ListenAddress address, String documentRoot) {
    public static final String SCHEME = "fastcgi";

    /** Parses {@code fastcgi://HOST:PORT[?root=DIR]} or {@code fastcgi:unix:PATH[?root=DIR]}. */
    public static FcgiTarget parse(String spec) {
        String usage = "expected fastcgi://HOST:PORT or fastcgi:unix:PATH, optionally with ?root=DIR, got '" + spec + "'";
        if (!spec.startsWith(SCHEME + ":")) throw new IllegalArgumentException(usage);
        String rest = spec.substring(SCHEME.length() + 1);
        int q = rest.indexOf('?');
        String where = q < 0 ? rest : rest.substring(0, q);
        String root = q < 0 ? null : parseRoot(rest.substring(q + 1), spec);
        ListenAddress address;
        if (where.startsWith("//")) {
            String hostPort = where.substring(2);
            if (hostPort.startsWith("unix:") || hostPort.isEmpty() || hostPort.contains("/")) throw new IllegalArgumentException(usage);
            address = ListenAddress.parse(hostPort);
            if (address.port() == 0) throw new IllegalArgumentException("port 0 is not a backend port in '" + spec + "'");
        } else if (where.startsWith("unix:")) {
            address = ListenAddress.parse(where);
        } else {
            throw new IllegalArgumentException(usage);
        }
        return new FcgiTarget(address, root);
    }

    private static String parseRoot(String query, String spec) {
        if (!query.startsWith("root=") || query.indexOf('&') >= 0) {
            throw new IllegalArgumentException("the only option of a fastcgi target is ?root=DIR, in '" + spec + "'");
        }
        String root = query.substring(5);
        if (!root.startsWith("/")) throw new IllegalArgumentException("root must be an absolute directory, in '" + spec + "'");
        while (root.length() > 1 && root.endsWith("/")) root = root.substring(0, root.length() - 1);
        return root.equals("/") ? "" : root;
    }

    @Override
    public String toString() {
        String where = address.isUnix() ? SCHEME + ":" + address : SCHEME + "://" + address;
        return documentRoot == null ? where : where + "?root=" + (documentRoot.isEmpty() ? "/" : documentRoot);
    }
}
