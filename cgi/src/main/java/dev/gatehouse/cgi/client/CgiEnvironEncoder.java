package dev.gatehouse.cgi.client;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.core.proxy.CgiVariables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process environment of a CGI script: the meta-variables of RFC 3875 section 4.1 and the
 * {@code HTTP_*} headers, taken from the environ ({@link CgiVariables}, which already leaves out a
 * client's {@code Proxy:} header, httpoxy), named and valued as Apache's mod_cgi gives them under
 * a {@code ScriptAlias}:
 * <ul>
 *   <li>SCRIPT_NAME is the mount and the script's path; PATH_INFO what follows it, and
 *       PATH_TRANSLATED that under DOCUMENT_ROOT, both only when there is such a rest;</li>
 *   <li>SCRIPT_FILENAME, DOCUMENT_ROOT, CONTEXT_PREFIX (the mount) and CONTEXT_DOCUMENT_ROOT (the
 *       script directory), as Apache adds them;</li>
 *   <li>HTTP_AUTHORIZATION only when configured (Apache's CGIPassAuth), HTTP_PROXY_AUTHORIZATION never;</li>
 *   <li>nothing of the server's own environment: the configured base environment (PATH) instead.</li>
 * </ul>
 * Values are the environ's strings, whose characters are the request's bytes; each goes to the
 * script as those bytes. A value with a NUL cannot be in an environment and is left out.
 */
final class CgiEnvironEncoder {
    static final String SCRIPT_FILENAME = "SCRIPT_FILENAME";
    static final String PATH_TRANSLATED = "PATH_TRANSLATED";
    static final String DOCUMENT_ROOT = "DOCUMENT_ROOT";
    static final String CONTEXT_PREFIX = "CONTEXT_PREFIX";
    static final String CONTEXT_DOCUMENT_ROOT = "CONTEXT_DOCUMENT_ROOT";

    private CgiEnvironEncoder() {
    }

    /**
     * The environment for running {@code script} for {@code environ}'s request.
     *
     * @param directory the script directory as configured (not its real path)
     * @param documentRoot DOCUMENT_ROOT
     * @param contentLength the CONTENT_LENGTH to give, or -1 for none
     */
    static Map<String, String> environment(Environ environ, CgiScript script, Path directory, Path documentRoot,
                                           CgiClientConfig config, long contentLength) {
        Map<String, String> vars = CgiVariables.of(environ, contentLength);
        vars.remove("DOCUMENT_URI"); // nginx's, not CGI's: Apache does not set it for scripts
        vars.remove("HTTP_PROXY_AUTHORIZATION");
        if (!config.passAuthorization()) vars.remove("HTTP_AUTHORIZATION");
        String mount = environ.scriptName();
        String root = bytes(documentRoot);
        vars.put(EnvironKeys.SCRIPT_NAME, mount + script.scriptPath());
        if (script.pathInfo().isEmpty()) {
            vars.remove(EnvironKeys.PATH_INFO);
            vars.remove(PATH_TRANSLATED);
        } else {
            vars.put(EnvironKeys.PATH_INFO, script.pathInfo());
            vars.put(PATH_TRANSLATED, (root.equals("/") ? "" : root) + script.pathInfo());
        }
        vars.put(SCRIPT_FILENAME, bytes(script.file()));
        vars.put(DOCUMENT_ROOT, root);
        vars.put(CONTEXT_PREFIX, mount);
        vars.put(CONTEXT_DOCUMENT_ROOT, bytes(directory));

        Map<String, String> env = new LinkedHashMap<>(config.baseEnvironment());
        for (Map.Entry<String, String> e : vars.entrySet()) {
            if (e.getValue().indexOf('\0') >= 0) continue;
            if (!env.containsKey(e.getKey()) || !e.getKey().equals("PATH")) env.put(e.getKey(), e.getValue());
        }
        return env;
    }

    /** A file name in the environ's form: its UTF-8 bytes as ISO-8859-1 characters. */
    static String bytes(Path path) {
        String s = path.toString();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        }
        return s;
    }
}
