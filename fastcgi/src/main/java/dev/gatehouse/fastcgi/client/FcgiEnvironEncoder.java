package dev.gatehouse.fastcgi.client;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.PathCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a request's environ into the FastCGI PARAMS a backend expects, as nginx's
 * {@code fastcgi_params} (and {@code fastcgi.conf}) give them: every CGI variable and
 * {@code HTTP_*} header of the environ, plus GATEWAY_INTERFACE, SERVER_SOFTWARE, REQUEST_SCHEME,
 * HTTPS, DOCUMENT_URI, REDIRECT_STATUS (PHP's cgi.force_redirect wants it) and, for a target with
 * a root, DOCUMENT_ROOT, SCRIPT_FILENAME and PATH_TRANSLATED. The {@code gateway.*} keys and other
 * namespaced keys stay behind.
 */
final class FcgiEnvironEncoder {
    static final String SERVER_SOFTWARE = "Gatehouse";

    private FcgiEnvironEncoder() {
    }

    /**
     * The params for {@code environ}, with CONTENT_LENGTH as given.
     *
     * @return null if the target has a root and the path is no safe script path (answered 404)
     */
    static Map<String, String> params(Environ environ, FcgiTarget target, long contentLength) {
        Map<String, String> params = new LinkedHashMap<>(64);
        for (String key : environ.keys()) {
            if (isCgiName(key) && !isHttpoxy(key) && environ.get(key) instanceof String value) params.put(key, value);
        }
        params.remove(EnvironKeys.CONTENT_LENGTH);
        if (contentLength >= 0) params.put(EnvironKeys.CONTENT_LENGTH, Long.toString(contentLength));
        params.putIfAbsent(EnvironKeys.QUERY_STRING, "");
        params.putIfAbsent(EnvironKeys.REQUEST_URI, requestUri(environ));
        params.put("GATEWAY_INTERFACE", "CGI/1.1");
        params.put("SERVER_SOFTWARE", SERVER_SOFTWARE);
        String scheme = environ.urlScheme();
        params.put("REQUEST_SCHEME", scheme);
        if (scheme.equals("https")) params.put("HTTPS", "on");
        params.put("DOCUMENT_URI", environ.scriptName() + environ.pathInfo());
        params.put("REDIRECT_STATUS", "200");
        if (target.documentRoot() != null && !mapToScript(params, environ, target.documentRoot())) return null;
        return params;
    }

    /** SCRIPT_NAME, PATH_INFO and the file names for a target with a root; false if the path is unsafe. */
    private static boolean mapToScript(Map<String, String> params, Environ environ, String root) {
        ScriptSplit split = ScriptSplit.of(environ.pathInfo());
        if (split == null) return false;
        params.put(EnvironKeys.SCRIPT_NAME, environ.scriptName() + split.scriptPath());
        params.put(EnvironKeys.PATH_INFO, split.pathInfo());
        params.put("DOCUMENT_ROOT", root.isEmpty() ? "/" : root);
        params.put("SCRIPT_FILENAME", root + split.scriptPath());
        if (split.pathInfo().isEmpty()) params.remove("PATH_TRANSLATED");
        else params.put("PATH_TRANSLATED", root + split.pathInfo());
        return true;
    }

    /** CGI meta-variable names: upper-case letters, digits and '_' (never a namespaced gateway.* key). */
    static boolean isCgiName(String key) {
        if (key.isEmpty()) return false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
        }
        return true;
    }

    /** A client's {@code Proxy:} header must never reach a CGI app as HTTP_PROXY (httpoxy, CVE-2016-5385). */
    static boolean isHttpoxy(String key) {
        return key.equals("HTTP_PROXY");
    }

    private static String requestUri(Environ environ) {
        String path = PathCodec.encode(environ.scriptName() + environ.pathInfo());
        return environ.queryString().isEmpty() ? path : path + "?" + environ.queryString();
    }
}
