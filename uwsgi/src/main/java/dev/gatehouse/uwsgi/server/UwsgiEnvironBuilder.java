package dev.gatehouse.uwsgi.server;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.core.cgi.PathSplit;
import dev.gatehouse.core.cgi.ServerVariables;
import dev.gatehouse.uwsgi.codec.UwsgiException;
import java.util.Map;

/**
 * Turns a request's uwsgi vars into its environ. The web server already speaks CGI, so the vars
 * pass through; what is fixed up is what real servers send differently:
 * <ul>
 *   <li>nginx's stock {@code uwsgi_params} sends the whole (decoded, normalised) path as PATH_INFO
 *       and SCRIPT_NAME only when the user adds {@code uwsgi_param SCRIPT_NAME /app}. When SCRIPT_NAME
 *       is a prefix of PATH_INFO at a segment boundary, it is removed from it, so that SCRIPT_NAME +
 *       PATH_INFO is the path. Apache mod_proxy_uwsgi already splits the two (SCRIPT_NAME + PATH_INFO is
 *       the path of REQUEST_URI): that split is kept, even where PATH_INFO happens to start with
 *       SCRIPT_NAME.</li>
 *   <li>modifier1 30 (uWSGI's manage-script-name, nginx {@code uwsgi_modifier1 30}): the web server
 *       says PATH_INFO still holds SCRIPT_NAME; it is removed. A SCRIPT_NAME that is not a prefix of
 *       PATH_INFO does not name this request's mount: SCRIPT_NAME becomes "" and PATH_INFO stays the
 *       whole path.</li>
 *   <li>No PATH_INFO: the decoded path of REQUEST_URI (then as above). SCRIPT_NAME ending in '/':
 *       the slash moves to PATH_INFO.</li>
 *   <li>Empty CONTENT_LENGTH and CONTENT_TYPE (nginx sends both on every GET) are removed; a
 *       CONTENT_LENGTH that is not all digits is a bad request. HTTP_CONTENT_LENGTH and
 *       HTTP_CONTENT_TYPE are removed: RFC 3875 4.1.18 keeps them out, CONTENT_LENGTH and
 *       CONTENT_TYPE carry them.</li>
 *   <li>Defaults when missing: QUERY_STRING "", SERVER_PROTOCOL HTTP/1.0, SERVER_NAME and SERVER_PORT
 *       of the listener.</li>
 * </ul>
 * The scheme is https when {@code HTTPS} is on (or 1), or {@code UWSGI_SCHEME} or
 * {@code REQUEST_SCHEME} says https.
 */
final class UwsgiEnvironBuilder {
    private final String serverName;
    private final String serverPort;

    /** {@code serverName}/{@code serverPort}: used only when the web server sends none. */
    UwsgiEnvironBuilder(String serverName, String serverPort) {
        this.serverName = serverName;
        this.serverPort = serverPort;
    }

    /**
     * The environ of a request, without the {@code gateway.*} keys.
     *
     * @param managedScriptName modifier1 30: PATH_INFO still starts with SCRIPT_NAME
     */
    Environ build(Map<String, String> vars, boolean managedScriptName) throws UwsgiException {
        Environ env = new Environ();
        vars.forEach(env::put);
        return build(env, managedScriptName);
    }

    /** Completes {@code env}, which holds the request's decoded vars, into its environ (the same object). */
    Environ build(Environ env, boolean managedScriptName) throws UwsgiException {
        if (env.getString(EnvironKeys.REQUEST_METHOD, "").isEmpty()) throw new UwsgiException("no REQUEST_METHOD in the uwsgi vars");
        ServerVariables.putDefaults(env, serverName, serverPort);
        ServerVariables.removeContentHeaderCopies(env);
        ServerVariables.removeIfEmpty(env, EnvironKeys.CONTENT_TYPE);
        ServerVariables.removeIfEmpty(env, EnvironKeys.CONTENT_LENGTH);
        ServerVariables.checkContentLength(env.getString(EnvironKeys.CONTENT_LENGTH), UwsgiException::new);
        splitPath(env, managedScriptName);
        return env;
    }

    /** The body length CONTENT_LENGTH announces (checked by {@link #build}), 0 without one. */
    static long contentLength(Environ env) {
        String length = env.getString(EnvironKeys.CONTENT_LENGTH);
        return length == null ? 0 : Long.parseLong(length);
    }

    /** {@code https} or {@code http}, as the web server said. */
    static String scheme(Environ env) {
        return ServerVariables.scheme(env, env.getString("UWSGI_SCHEME", env.getString("REQUEST_SCHEME", "")));
    }

    /** Sets SCRIPT_NAME and PATH_INFO as the interface wants them: SCRIPT_NAME + PATH_INFO is the decoded path. */
    static void splitPath(Environ env, boolean managedScriptName) {
        String uriPath = ServerVariables.requestUriPath(env.getString(EnvironKeys.REQUEST_URI));
        String script = env.getString(EnvironKeys.SCRIPT_NAME, "");
        String info = env.getString(EnvironKeys.PATH_INFO);
        if (info == null) info = uriPath != null ? uriPath : "";
        boolean alreadySplit = !managedScriptName && uriPath != null && (script + info).equals(uriPath); // Apache's split
        if (!script.isEmpty() && !alreadySplit) {
            String mount = withoutTrailingSlashes(script);
            if (isMountOf(mount, info)) {
                script = mount;
                info = info.substring(mount.length());
            } else if (managedScriptName) {
                script = "";
            }
        }
        new PathSplit(script, info).putInto(env);
    }

    /** Whether {@code path} is {@code mount} or lies below it ({@code /app} mounts {@code /app/x}, not {@code /application}). */
    private static boolean isMountOf(String mount, String path) {
        return !mount.isEmpty() && path.startsWith(mount) && (path.length() == mount.length() || path.charAt(mount.length()) == '/');
    }

    private static String withoutTrailingSlashes(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') end--;
        return s.substring(0, end);
    }
}
