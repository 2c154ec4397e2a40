package dev.gatehouse.fastcgi.server;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.core.GatewayEnviron;
import dev.gatehouse.api.PathCodec;
import dev.gatehouse.fastcgi.codec.FcgiException;
import dev.gatehouse.fastcgi.codec.FcgiRole;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * Turns a request's PARAMS into its environ. The web server already speaks CGI, so most params pass
 * through unchanged; what is fixed up is what real servers send differently:
 * <ul>
 *   <li>No PATH_INFO (nginx without {@code fastcgi_split_path_info}, Apache mod_proxy_fcgi without
 *       {@code proxy-fcgi-pathinfo}): both send the whole path as SCRIPT_NAME. The app is then mounted
 *       at the root: SCRIPT_NAME = "" and PATH_INFO = that path.</li>
 *   <li>PATH_INFO given but SCRIPT_NAME + PATH_INFO is not the path of REQUEST_URI (Apache
 *       {@code proxy-fcgi-pathinfo=1} sends PATH_INFO still percent-encoded and so leaves the whole
 *       path in SCRIPT_NAME): PATH_INFO is decoded if needed and SCRIPT_NAME becomes the part of the
 *       path before it.</li>
 *   <li>SCRIPT_NAME ending in '/' (a split regex like {@code ^(/app/)(.*)$}): the slash moves to PATH_INFO.</li>
 *   <li>Empty CONTENT_LENGTH and CONTENT_TYPE (nginx sends both on every GET) are removed;
 *       a CONTENT_LENGTH that is not all digits is a bad request. HTTP_CONTENT_LENGTH and
 *       HTTP_CONTENT_TYPE (nginx and Apache pass every request header, these two included) are
 *       removed: RFC 3875 4.1.18 keeps them out, CONTENT_LENGTH and CONTENT_TYPE carry them.</li>
 *   <li>Authorizer requests carry no SCRIPT_NAME or PATH_INFO (FastCGI 6.3): PATH_INFO is the
 *       decoded path of REQUEST_URI.</li>
 * </ul>
 * REQUEST_URI is kept as sent. {@code HTTPS=on} (or REQUEST_SCHEME) sets {@code gateway.url_scheme}.
 */
final class FcgiEnvironBuilder {
    private final String serverName;
    private final String serverPort;

    /** {@code serverName}/{@code serverPort}: used only when the web server sends none. */
    FcgiEnvironBuilder(String serverName, String serverPort) {
        this.serverName = serverName;
        this.serverPort = serverPort;
    }

    Environ build(Map<String, String> params, FcgiRole role, InputStream input, PrintStream errors) throws FcgiException {
        Environ env = new Environ();
        params.forEach(env::put);
        if (env.getString(EnvironKeys.REQUEST_METHOD, "").isEmpty()) throw new FcgiException("no REQUEST_METHOD in the params");
        env.put("FCGI_ROLE", role.name());
        putDefault(env, EnvironKeys.QUERY_STRING, "");
        putDefault(env, EnvironKeys.SERVER_PROTOCOL, "HTTP/1.0");
        putDefault(env, EnvironKeys.SERVER_NAME, serverName);
        putDefault(env, EnvironKeys.SERVER_PORT, serverPort);
        env.remove("HTTP_CONTENT_LENGTH");
        env.remove("HTTP_CONTENT_TYPE");
        removeIfEmpty(env, EnvironKeys.CONTENT_TYPE);
        removeIfEmpty(env, EnvironKeys.CONTENT_LENGTH);
        checkContentLength(env.getString(EnvironKeys.CONTENT_LENGTH));
        if (role == FcgiRole.AUTHORIZER) env.remove(EnvironKeys.CONTENT_LENGTH);
        splitPath(env, role);
        GatewayEnviron.put(env, scheme(env), input, errors);
        return env;
    }

    /** Sets SCRIPT_NAME and PATH_INFO as the interface wants them: SCRIPT_NAME + PATH_INFO is the decoded path. */
    static void splitPath(Environ env, FcgiRole role) throws FcgiException {
        String uriPath = requestUriPath(env.getString(EnvironKeys.REQUEST_URI));
        String script = env.getString(EnvironKeys.SCRIPT_NAME);
        String info = env.getString(EnvironKeys.PATH_INFO);
        if (role == FcgiRole.AUTHORIZER || script == null && info == null) {
            script = "";
            info = uriPath != null ? uriPath : "";
        } else if (info == null) {
            info = script; // the no-split quirk: the whole path came as SCRIPT_NAME
            script = "";
        } else if (script == null) {
            script = "";
        } else if (uriPath != null && !(script + info).equals(uriPath)) {
            String decoded = info.indexOf('%') >= 0 ? PathCodec.decode(info) : info;
            if (decoded != null && !decoded.isEmpty() && uriPath.endsWith(decoded)) {
                info = decoded;
                script = uriPath.substring(0, uriPath.length() - decoded.length());
            }
        }
        while (script.endsWith("/")) {
            script = script.substring(0, script.length() - 1);
            info = "/" + info;
        }
        env.put(EnvironKeys.SCRIPT_NAME, script);
        env.put(EnvironKeys.PATH_INFO, info);
    }

    /** The percent-decoded path of REQUEST_URI, or null if there is none or it does not decode. */
    static String requestUriPath(String requestUri) {
        if (requestUri == null || requestUri.isEmpty()) return null;
        int q = requestUri.indexOf('?');
        return PathCodec.decode(q >= 0 ? requestUri.substring(0, q) : requestUri);
    }

    private static String scheme(Environ env) {
        String https = env.getString("HTTPS", "");
        if (https.equalsIgnoreCase("on") || https.equals("1")) return "https";
        String scheme = env.getString("REQUEST_SCHEME", "");
        return scheme.equalsIgnoreCase("https") ? "https" : "http";
    }

    private static void checkContentLength(String length) throws FcgiException {
        if (length == null) return;
        if (length.length() > 18) throw new FcgiException("CONTENT_LENGTH out of range: " + length);
        for (int i = 0; i < length.length(); i++) {
            char c = length.charAt(i);
            if (c < '0' || c > '9') throw new FcgiException("CONTENT_LENGTH is not a number: " + length);
        }
    }

    private static void putDefault(Environ env, String key, String value) {
        if (env.getString(key) == null) env.put(key, value);
    }

    private static void removeIfEmpty(Environ env, String key) {
        String value = env.getString(key);
        if (value != null && value.isEmpty()) env.remove(key);
    }
}
