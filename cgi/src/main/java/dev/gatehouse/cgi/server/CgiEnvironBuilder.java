package dev.gatehouse.cgi.server;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.FileWrapper;
import dev.gatehouse.api.PathCodec;
import dev.gatehouse.core.ProtocolException;
import dev.gatehouse.core.cgi.ServerVariables;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the variables a web server set for a CGI script (RFC 3875 section 4.1) into the request's
 * environ. Every variable passes through, as CPython's CGIHandler passes all of {@code os.environ};
 * what is fixed up is what a server may send differently:
 * <ul>
 *   <li>Empty CONTENT_LENGTH and CONTENT_TYPE are removed (RFC 3875 4.1.2, 4.1.3: set only with a
 *       body); a CONTENT_LENGTH that is not all digits is a bad request (400). HTTP_CONTENT_LENGTH and
 *       HTTP_CONTENT_TYPE are removed (4.1.18 keeps them out).</li>
 *   <li>PATH_INFO is the decoded path below the script (4.1.5). A server that passed it still
 *       percent-encoded (it is then the raw tail of REQUEST_URI's path) has it decoded here; a
 *       SCRIPT_NAME that ends in '/' gives the slash to PATH_INFO; a missing one is "".</li>
 *   <li>QUERY_STRING is "" when absent (4.1.7: "MUST be set"), SERVER_PROTOCOL defaults to HTTP/1.0,
 *       SERVER_NAME and SERVER_PORT to localhost and 80 (only a script run by hand lacks them).</li>
 *   <li>{@code HTTPS=on} (or {@code 1}, {@code yes}) or REQUEST_SCHEME=https makes the scheme https.</li>
 * </ul>
 * The {@code gateway.*} keys say what CGI is: one request per process ({@code run_once}), no other
 * thread calls the app ({@code multithread} false), other processes serve the same app at the same
 * time ({@code multiprocess} true).
 */
final class CgiEnvironBuilder {
    private CgiEnvironBuilder() {
    }

    /**
     * The environ of the request {@code vars} describe.
     *
     * @param stdin the script's standard input, of which the environ's input reads the body only
     * @throws ProtocolException 400 for a CONTENT_LENGTH that is not a number
     */
    static Environ build(Map<String, String> vars, InputStream stdin, PrintStream errors) throws ProtocolException {
        Environ env = new Environ();
        vars.forEach(env::put);
        ServerVariables.putDefaults(env, "localhost", "80");
        ServerVariables.removeContentHeaderCopies(env);
        ServerVariables.removeIfEmpty(env, EnvironKeys.CONTENT_TYPE);
        ServerVariables.removeIfEmpty(env, EnvironKeys.CONTENT_LENGTH);
        long length = contentLength(env.getString(EnvironKeys.CONTENT_LENGTH));
        splitPath(env);
        env.put(EnvironKeys.VERSION, EnvironKeys.INTERFACE_VERSION);
        env.put(EnvironKeys.URL_SCHEME, scheme(env));
        env.put(EnvironKeys.INPUT, input(env, length, stdin));
        env.put(EnvironKeys.ERRORS, errors);
        env.put(EnvironKeys.MULTITHREAD, Boolean.FALSE);
        env.put(EnvironKeys.MULTIPROCESS, Boolean.TRUE);
        env.put(EnvironKeys.RUN_ONCE, Boolean.TRUE);
        env.put(EnvironKeys.INPUT_TERMINATED, Boolean.TRUE);
        env.put(EnvironKeys.FILE_WRAPPER, FileWrapper.DEFAULT);
        return env;
    }

    /**
     * The body: exactly CONTENT_LENGTH bytes of stdin. Without CONTENT_LENGTH there is no body,
     * except for a chunked request, which Apache httpd's mod_cgi passes on dechunked with no length
     * (against RFC 3875 4.2) and ends by closing stdin: then stdin is read to its end.
     */
    private static InputStream input(Environ env, long length, InputStream stdin) {
        if (length >= 0) return new CgiInput(stdin, length);
        String coding = env.getString("HTTP_TRANSFER_ENCODING");
        if (coding != null && !coding.isEmpty()) return new CgiInput(stdin, -1);
        return InputStream.nullInputStream();
    }

    /** SCRIPT_NAME + PATH_INFO as the interface wants them: PATH_INFO decoded, SCRIPT_NAME never ending in '/'. */
    static void splitPath(Environ env) {
        String script = env.getString(EnvironKeys.SCRIPT_NAME, "");
        String info = env.getString(EnvironKeys.PATH_INFO, "");
        if (info.indexOf('%') >= 0) {
            // Still encoded exactly when it is the raw tail of the request's path; a decoded PATH_INFO
            // has a '%' only from a %25, and then the raw path ends in the longer encoded form instead.
            String rawPath = rawPath(env.getString(EnvironKeys.REQUEST_URI));
            String decoded = PathCodec.decode(info);
            if (rawPath != null && decoded != null && rawPath.endsWith(info)) info = decoded;
        }
        while (script.endsWith("/")) {
            script = script.substring(0, script.length() - 1);
            info = "/" + info;
        }
        env.put(EnvironKeys.SCRIPT_NAME, script);
        env.put(EnvironKeys.PATH_INFO, info);
    }

    /** The path of REQUEST_URI as sent (not decoded), or null if there is none. */
    private static String rawPath(String requestUri) {
        if (requestUri == null || requestUri.isEmpty()) return null;
        int q = requestUri.indexOf('?');
        return q >= 0 ? requestUri.substring(0, q) : requestUri;
    }

    private static String scheme(Environ env) {
        String https = env.getString("HTTPS", "");
        if (https.equalsIgnoreCase("on") || https.equals("1") || https.equalsIgnoreCase("yes")) return "https";
        return env.getString("REQUEST_SCHEME", "").equalsIgnoreCase("https") ? "https" : "http";
    }

    /** The declared body length, -1 if none; digits only (no sign, no space, at most 18 of them). */
    private static long contentLength(String value) throws ProtocolException {
        if (value == null) return -1;
        ServerVariables.checkContentLength(value, problem -> new ProtocolException(400, problem));
        return Long.parseLong(value);
    }

    // ---- the process environment, byte for byte --------------------------------------------------

    private static final Path PROC_ENVIRON = Path.of("/proc/self/environ");

    /**
     * This process's environment with each byte as one ISO-8859-1 character, as the environ keeps
     * request bytes. {@link System#getenv()} decodes the bytes with the platform charset, which under
     * a web server is often ASCII (no LANG), and would turn a request's non-ASCII path or header bytes
     * into replacement characters; Linux shows the bytes as they are in {@code /proc/self/environ}.
     * Elsewhere (or if that cannot be read) it is {@code System.getenv()}.
     */
    static Map<String, String> processEnvironment() {
        if (Files.isReadable(PROC_ENVIRON)) {
            try {
                return parseEnvironBlock(Files.readAllBytes(PROC_ENVIRON));
            } catch (IOException | RuntimeException e) {
                // fall back to the JDK's view
            }
        }
        return System.getenv();
    }

    /** {@code NAME=VALUE} entries separated by NUL bytes, decoded as ISO-8859-1; an entry without '=' is skipped. */
    static Map<String, String> parseEnvironBlock(byte[] block) {
        Map<String, String> vars = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= block.length; i++) {
            if (i < block.length && block[i] != 0) continue;
            if (i > start) {
                String entry = new String(block, start, i - start, StandardCharsets.ISO_8859_1);
                int eq = entry.indexOf('=', 1);
                if (eq > 0) vars.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
            }
            start = i + 1;
        }
        return vars;
    }
}
