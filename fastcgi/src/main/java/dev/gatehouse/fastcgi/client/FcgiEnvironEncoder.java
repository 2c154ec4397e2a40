package dev.gatehouse.fastcgi.client;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.core.proxy.CgiVariables;
import java.util.Map;

/**
 * Turns a request's environ into the FastCGI PARAMS a backend expects, as nginx's
 * {@code fastcgi_params} (and {@code fastcgi.conf}) give them: the {@link CgiVariables} every
 * gateway sends, plus REDIRECT_STATUS (PHP's cgi.force_redirect wants it) and, for a target with
 * a root, DOCUMENT_ROOT, SCRIPT_FILENAME and PATH_TRANSLATED.
 */
final class FcgiEnvironEncoder {
    private FcgiEnvironEncoder() {
    }

    /**
     * The params for {@code environ}, with CONTENT_LENGTH as given (none for -1).
     *
     * @return null if the target has a root and the path is no safe script path (answered 404)
     */
    static Map<String, String> params(Environ environ, FcgiTarget target, long contentLength) {
        Map<String, String> params = CgiVariables.of(environ, contentLength);
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
}
