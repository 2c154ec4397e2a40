package dev.gatehouse.core.cgi;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.PathCodec;
import java.util.function.Function;

/**
 * The rules every inbound adapter that is handed CGI variables by a web server (FastCGI PARAMS, an
 * SCGI header, uwsgi vars) applies alike, so that they are written once. Each adapter keeps its own
 * exception types and whatever its protocol or its peers do differently. (The other direction, the
 * variables Gatehouse sends a backend, is {@link dev.gatehouse.core.proxy.CgiVariables}.)
 */
public final class ServerVariables {
    /** Longest CONTENT_LENGTH accepted, in digits: 18 always fits in a long. */
    public static final int MAX_CONTENT_LENGTH_DIGITS = 18;

    private ServerVariables() {
    }

    /**
     * Fills in what a minimal request may lack: QUERY_STRING "" (RFC 3875 4.1.7: "MUST be set"),
     * SERVER_PROTOCOL HTTP/1.0, and the listener's {@code serverName} and {@code serverPort}.
     */
    public static void putDefaults(Environ env, String serverName, String serverPort) {
        putDefault(env, EnvironKeys.QUERY_STRING, "");
        putDefault(env, EnvironKeys.SERVER_PROTOCOL, "HTTP/1.0");
        putDefault(env, EnvironKeys.SERVER_NAME, serverName);
        putDefault(env, EnvironKeys.SERVER_PORT, serverPort);
    }

    /**
     * Removes HTTP_CONTENT_LENGTH and HTTP_CONTENT_TYPE, which nginx and Apache pass along with every
     * other request header: RFC 3875 4.1.18 keeps them out, CONTENT_LENGTH and CONTENT_TYPE carry them.
     */
    public static void removeContentHeaderCopies(Environ env) {
        env.remove("HTTP_CONTENT_LENGTH");
        env.remove("HTTP_CONTENT_TYPE");
    }

    /** Removes {@code key} if its value is "" (nginx sends an empty CONTENT_TYPE and CONTENT_LENGTH on every GET). */
    public static void removeIfEmpty(Environ env, String key) {
        String value = env.getString(key);
        if (value != null && value.isEmpty()) env.remove(key);
    }

    /**
     * Checks a CONTENT_LENGTH (null: none) is ASCII digits only, at most {@value #MAX_CONTENT_LENGTH_DIGITS}
     * of them, so that {@link Long#parseLong} takes it and no sign, space or other script's digit slips through.
     *
     * @param problem makes the adapter's own exception of the message that names the problem
     */
    public static <E extends Exception> void checkContentLength(String length, Function<String, E> problem) throws E {
        if (length == null) return;
        if (length.length() > MAX_CONTENT_LENGTH_DIGITS) throw problem.apply("CONTENT_LENGTH out of range: " + length);
        for (int i = 0; i < length.length(); i++) {
            char c = length.charAt(i);
            if (c < '0' || c > '9') throw problem.apply("CONTENT_LENGTH is not a number: " + length);
        }
    }

    /** The URL scheme: {@code https} when HTTPS is {@code on} (any case) or {@code 1}, or REQUEST_SCHEME is https. */
    public static String scheme(Environ env) {
        return scheme(env, env.getString("REQUEST_SCHEME", ""));
    }

    /**
     * The URL scheme: {@code https} when HTTPS is {@code on} (any case) or {@code 1}, else when
     * {@code schemeVariable} (the value of the variable a protocol names the scheme in) is https.
     */
    public static String scheme(Environ env, String schemeVariable) {
        String https = env.getString("HTTPS", "");
        if (https.equalsIgnoreCase("on") || https.equals("1")) return "https";
        return schemeVariable.equalsIgnoreCase("https") ? "https" : "http";
    }

    /** The percent-decoded path of REQUEST_URI (null: none), or null if it is empty or does not decode. */
    public static String requestUriPath(String requestUri) {
        if (requestUri == null || requestUri.isEmpty()) return null;
        int q = requestUri.indexOf('?');
        return PathCodec.decode(q >= 0 ? requestUri.substring(0, q) : requestUri);
    }

    private static void putDefault(Environ env, String key, String value) {
        if (env.getString(key) == null) env.put(key, value);
    }
}
