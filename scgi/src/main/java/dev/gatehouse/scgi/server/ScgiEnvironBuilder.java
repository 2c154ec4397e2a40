package dev.gatehouse.scgi.server;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.core.cgi.PathSplit;
import dev.gatehouse.core.cgi.ServerVariables;
import dev.gatehouse.core.stream.StreamRequest;
import dev.gatehouse.scgi.codec.ScgiException;
import dev.gatehouse.scgi.codec.ScgiRequestDecoder;
import java.util.SequencedMap;

/**
 * Turns a decoded SCGI header into the request's environ. The web server already speaks CGI, so
 * most variables pass through unchanged; what is fixed up is what real servers send differently
 * (each checked by running them):
 * <ul>
 *   <li>nginx's stock {@code scgi_params} send neither SCRIPT_NAME nor PATH_INFO, only
 *       REQUEST_URI (raw) and DOCUMENT_URI ({@code $document_uri}: decoded, after rewrites). The app
 *       is then mounted at the root: SCRIPT_NAME = "" and PATH_INFO = DOCUMENT_URI, or the decoded
 *       path of REQUEST_URI when there is no DOCUMENT_URI.</li>
 *   <li>SCRIPT_NAME without PATH_INFO: Apache mod_proxy_scgi sends the whole decoded path as
 *       SCRIPT_NAME (whatever its ProxyPass prefix), so the app is mounted at the root. When
 *       SCRIPT_NAME is a proper prefix of the path ({@code scgi_param SCRIPT_NAME /app;} in nginx),
 *       the rest of the path is PATH_INFO.</li>
 *   <li>PATH_INFO given but SCRIPT_NAME + PATH_INFO is not the path (Apache with
 *       {@code proxy-scgi-pathinfo} sends PATH_INFO still percent-encoded and SCRIPT_NAME as the
 *       whole path): PATH_INFO is decoded if needed and SCRIPT_NAME becomes the part before it.</li>
 *   <li>SCRIPT_NAME ending in '/': the slash moves to PATH_INFO.</li>
 *   <li>An empty CONTENT_TYPE (nginx sends one on every GET) is removed. HTTP_CONTENT_LENGTH and
 *       HTTP_CONTENT_TYPE (nginx passes every request header, these two included) are removed:
 *       RFC 3875 4.1.18 keeps them out, CONTENT_LENGTH and CONTENT_TYPE carry them. So is
 *       HTTP_TRANSFER_ENCODING (nginx passes {@code chunked} on after it has read the body whole):
 *       the input is always exactly CONTENT_LENGTH bytes.</li>
 * </ul>
 * These are the rules of the FastCGI adapter's environ, with DOCUMENT_URI for the path nginx's
 * SCGI params give. REQUEST_URI is kept as sent. REQUEST_METHOD is required, and so is a path.
 * Defaults: QUERY_STRING "", SERVER_PROTOCOL HTTP/1.0, SERVER_NAME and SERVER_PORT from the
 * listener. {@code HTTPS=on} (or REQUEST_SCHEME=https) makes the URL scheme https.
 */
final class ScgiEnvironBuilder {
    static final String DOCUMENT_URI = "DOCUMENT_URI";

    private final String serverName;
    private final String serverPort;

    /** {@code serverName}/{@code serverPort}: used only when the web server sends none. */
    ScgiEnvironBuilder(String serverName, String serverPort) {
        this.serverName = serverName;
        this.serverPort = serverPort;
    }

    /** The request of decoded variables given as a map (CONTENT_LENGTH checked by the decoder). */
    StreamRequest build(SequencedMap<String, String> variables) throws ScgiException {
        Environ env = new Environ();
        variables.forEach(env::put);
        return build(env, ScgiRequestDecoder.contentLength(variables));
    }

    /** Completes {@code env}, which holds the decoded header's variables, into the request. */
    StreamRequest build(Environ env, long contentLength) throws ScgiException {
        if (env.getString(EnvironKeys.REQUEST_METHOD, "").isEmpty()) throw new ScgiException("no REQUEST_METHOD in the SCGI header");
        ServerVariables.putDefaults(env, serverName, serverPort);
        ServerVariables.removeContentHeaderCopies(env);
        env.remove("HTTP_TRANSFER_ENCODING");
        ServerVariables.removeIfEmpty(env, EnvironKeys.CONTENT_TYPE);
        splitPath(env);
        return new StreamRequest(env, contentLength, ServerVariables.scheme(env));
    }

    /** Sets SCRIPT_NAME and PATH_INFO as the interface wants them: SCRIPT_NAME + PATH_INFO is the decoded path. */
    static void splitPath(Environ env) throws ScgiException {
        String requestUri = env.getString(EnvironKeys.REQUEST_URI);
        String documentUri = env.getString(DOCUMENT_URI);
        String path = documentUri != null && documentUri.startsWith("/") ? documentUri : requestUriPath(requestUri);
        String script = env.getString(EnvironKeys.SCRIPT_NAME);
        String info = env.getString(EnvironKeys.PATH_INFO);
        PathSplit split;
        if (script == null && info == null) {
            if (path == null) throw new ScgiException("no path in the SCGI header: no SCRIPT_NAME or PATH_INFO, and no DOCUMENT_URI or REQUEST_URI with a path"
                    + (requestUri == null ? "" : " (REQUEST_URI is '" + requestUri + "')"));
            split = PathSplit.atRoot(path);
        } else if (info == null && path != null && isMountOf(script, path)) {
            split = new PathSplit(script, path.substring(script.length()));
        } else {
            split = PathSplit.fromWebServer(script, info, path); // Apache: the whole path as SCRIPT_NAME, PATH_INFO still encoded
        }
        split.putInto(env);
    }

    /** True if {@code script} is a proper prefix of {@code path} ending at a segment boundary. */
    private static boolean isMountOf(String script, String path) {
        if (script.isEmpty() || path.length() <= script.length() || !path.startsWith(script)) return false;
        return script.endsWith("/") || path.charAt(script.length()) == '/';
    }

    /** The percent-decoded path of REQUEST_URI, or null if there is none, it is not a path, or it does not decode. */
    static String requestUriPath(String requestUri) {
        return requestUri != null && requestUri.startsWith("/") ? ServerVariables.requestUriPath(requestUri) : null;
    }
}
