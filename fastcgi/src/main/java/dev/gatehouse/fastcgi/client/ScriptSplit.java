package dev.gatehouse.fastcgi.client;

/**
 * Where a request path under a {@code ?root=DIR} mount lands, nginx's PHP recipe
 * ({@code fastcgi_split_path_info ^(.+\.php)(/.+)$}, {@code fastcgi_index index.php}) with the
 * mount as the root: the path up to the first segment ending in {@code .php} is the script, the
 * rest is PATH_INFO; a path ending in '/' means its {@code index.php}; a path with no
 * {@code .php} segment is the script as a whole (fcgiwrap's CGI scripts, for instance).
 *
 * @param scriptPath the script's path under the mount, starting with '/'
 * @param pathInfo what follows it, possibly empty
 */
record ScriptSplit(String scriptPath, String pathInfo) {
    static final String SCRIPT_SUFFIX = ".php";
    static final String INDEX = "index.php";

    /** Splits {@code path} (PATH_INFO under the mount, decoded); null if it is no safe file path. */
    static ScriptSplit of(String path) {
        if (path.isEmpty()) path = "/";
        if (!isSafe(path)) return null;
        int from = 0;
        while (true) {
            int dot = path.indexOf(SCRIPT_SUFFIX, from);
            if (dot < 0) break;
            int end = dot + SCRIPT_SUFFIX.length();
            // a segment that ends in .php and is more than just ".php"
            if ((end == path.length() || path.charAt(end) == '/') && path.charAt(dot - 1) != '/') {
                return new ScriptSplit(path.substring(0, end), path.substring(end));
            }
            from = dot + 1;
        }
        if (path.endsWith("/")) return new ScriptSplit(path + INDEX, "");
        return new ScriptSplit(path, "");
    }

    /** No NUL, no backslash, no "." or ".." segment: the script must stay under the root. */
    private static boolean isSafe(String path) {
        if (!path.startsWith("/") || path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0) return false;
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) return false;
        }
        return true;
    }
}
