package dev.gatehouse.fastcgi.client;

import dev.gatehouse.core.net.ListenAddress;

/**
 * A FastCGI backend as a mount names it: {@code fastcgi://HOST:PORT} ({@code [::1]:9000} for
 * IPv6) or {@code fastcgi:unix:PATH}, with optional {@code ?root=DIR} and {@code pool=N} options
 * joined by '&'. With a root, the client maps the URL path under the mount to a script file the
 * way nginx's PHP recipe does ({@link ScriptSplit}); without one, SCRIPT_NAME and PATH_INFO pass
 * through unchanged. {@code pool=N} sizes the connection pool against the backend: set it to
 * what the backend can serve at once (PHP-FPM's {@code pm.max_children}), since a kept
 * connection holds a PHP-FPM worker even while idle.
 *
 * @param address where the backend listens
 * @param documentRoot the backend's document root (absolute, no trailing '/'), or null
 * @param poolSize connections to keep to this backend at most, or 0 for the configured default
 */
public record FcgiTarget(ListenAddress address, String documentRoot, int poolSize) {
    private static final int MAX_POOL = 10_000;

    public static final String SCHEME = "fastcgi";

    public FcgiTarget(ListenAddress address, String documentRoot) {
        this(address, documentRoot, 0);
    }

    /** Parses {@code fastcgi://HOST:PORT[?OPTIONS]} or {@code fastcgi:unix:PATH[?OPTIONS]}, options {@code root=DIR&pool=N}. */
    public static FcgiTarget parse(String spec) {
        String usage = "expected fastcgi://HOST:PORT or fastcgi:unix:PATH, optionally with ?root=DIR&pool=N, got '" + spec + "'";
        if (!spec.startsWith(SCHEME + ":")) throw new IllegalArgumentException(usage);
        String rest = spec.substring(SCHEME.length() + 1);
        int q = rest.indexOf('?');
        String where = q < 0 ? rest : rest.substring(0, q);
        String root = null;
        int pool = 0;
        if (q >= 0) {
            for (String option : rest.substring(q + 1).split("&", -1)) {
                if (option.startsWith("root=") && root == null) root = parseRoot(option, spec);
                else if (option.startsWith("pool=") && pool == 0) pool = parsePool(option.substring(5), spec);
                else throw new IllegalArgumentException("the options of a fastcgi target are root=DIR and pool=N, each once, in '" + spec + "'");
            }
        }
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
        return new FcgiTarget(address, root, pool);
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

    private static String parseRoot(String query, String spec) {
        String root = query.substring(5);
        if (!root.startsWith("/")) throw new IllegalArgumentException("root must be an absolute directory, in '" + spec + "'");
        while (root.length() > 1 && root.endsWith("/")) root = root.substring(0, root.length() - 1);
        return root.equals("/") ? "" : root;
    }

    @Override
    public String toString() {
        String where = address.isUnix() ? SCHEME + ":" + address : SCHEME + "://" + address;
        String options = (documentRoot == null ? "" : "&root=" + (documentRoot.isEmpty() ? "/" : documentRoot))
                + (poolSize == 0 ? "" : "&pool=" + poolSize);
        return options.isEmpty() ? where : where + "?" + options.substring(1);
    }
}
