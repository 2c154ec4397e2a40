package dev.gatehouse.core.proxy;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.PathCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CGI variables a gateway sends to a backend for a request (FastCGI PARAMS, the SCGI header
 * netstring, the uwsgi vars block), as nginx's {@code fastcgi_params}, {@code scgi_params} and
 * {@code uwsgi_params} give them: every CGI variable and {@code HTTP_*} header of the environ,
 * plus GATEWAY_INTERFACE, SERVER_SOFTWARE, REQUEST_SCHEME, HTTPS (for https) and DOCUMENT_URI.
 * The {@code gateway.*} keys and other namespaced keys stay behind, and so does a client's
 * {@code Proxy:} header (httpoxy).
 */
public final class CgiVariables {
    /** The SERVER_SOFTWARE every backend is told. */
    public static final String SERVER_SOFTWARE = "Gatehouse";

    private CgiVariables() {
    }

    /**
     * The variables for {@code environ}, in the environ's order, the added ones last.
     *
     * @param contentLength the CONTENT_LENGTH to send (the environ's own is replaced), or -1 to send none
     * @return a new mutable map, for a protocol to add its own variables to
     */
    public static Map<String, String> of(Environ environ, long contentLength) {
        Map<String, String> vars = new LinkedHashMap<>(64);
        for (String key : environ.keys()) {
            if (isCgiName(key) && !isHttpoxy(key) && environ.get(key) instanceof String value) vars.put(key, value);
        }
        vars.remove(EnvironKeys.CONTENT_LENGTH);
        if (contentLength >= 0) vars.put(EnvironKeys.CONTENT_LENGTH, Long.toString(contentLength));
        vars.putIfAbsent(EnvironKeys.QUERY_STRING, "");
        vars.putIfAbsent(EnvironKeys.REQUEST_URI, requestUri(environ));
        vars.put("GATEWAY_INTERFACE", "CGI/1.1");
        vars.put("SERVER_SOFTWARE", SERVER_SOFTWARE);
        String scheme = environ.urlScheme();
        vars.put("REQUEST_SCHEME", scheme);
        if (scheme.equals("https")) vars.put("HTTPS", "on");
        vars.put("DOCUMENT_URI", environ.scriptName() + environ.pathInfo());
        return vars;
    }

    /** CGI meta-variable names: upper-case letters, digits and '_' (never a namespaced gateway.* key). */
    public static boolean isCgiName(String key) {
        if (key.isEmpty()) return false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
        }
        return true;
    }

    /** A client's {@code Proxy:} header must never reach a CGI app as HTTP_PROXY (httpoxy, CVE-2016-5385). */
    public static boolean isHttpoxy(String key) {
        return key.equals("HTTP_PROXY");
    }

    private static String requestUri(Environ environ) {
        String path = PathCodec.encode(environ.scriptName() + environ.pathInfo());
        return environ.queryString().isEmpty() ? path : path + "?" + environ.queryString();
    }
}
