package dev.gatehouse.fastcgi.server;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.core.GatewayEnviron;
import dev.gatehouse.core.cgi.PathSplit;
import dev.gatehouse.core.cgi.ServerVariables;
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
        ServerVariables.putDefaults(env, serverName, serverPort);
        ServerVariables.removeContentHeaderCopies(env);
        ServerVariables.removeIfEmpty(env, EnvironKeys.CONTENT_TYPE);
        ServerVariables.removeIfEmpty(env, EnvironKeys.CONTENT_LENGTH);
        ServerVariables.checkContentLength(env.getString(EnvironKeys.CONTENT_LENGTH), FcgiException::new);
        if (role == FcgiRole.AUTHORIZER) env.remove(EnvironKeys.CONTENT_LENGTH);
        splitPath(env, role);
        GatewayEnviron.put(env, ServerVariables.scheme(env), input, errors);
        return env;
    }

    /** Sets SCRIPT_NAME and PATH_INFO as the interface wants them: SCRIPT_NAME + PATH_INFO is the decoded path. */
    static void splitPath(Environ env, FcgiRole role) {
        String uriPath = ServerVariables.requestUriPath(env.getString(EnvironKeys.REQUEST_URI));
        String script = env.getString(EnvironKeys.SCRIPT_NAME);
        String info = env.getString(EnvironKeys.PATH_INFO);
        PathSplit split = role == FcgiRole.AUTHORIZER || script == null && info == null
                ? PathSplit.atRoot(uriPath != null ? uriPath : "")
                : PathSplit.fromWebServer(script, info, uriPath);
        split.putInto(env);
    }
}
