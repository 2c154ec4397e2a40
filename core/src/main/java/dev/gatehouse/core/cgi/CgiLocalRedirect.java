package dev.gatehouse.core.cgi;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.PathCodec;
import java.io.InputStream;

/**
 * The request a gateway re-dispatches for a CGI local redirect (RFC 3875 section 6.2.2): a GET
 * for the new path and query, with the original request's headers and no body (the body is
 * gone: 6.3.2 warns it "may not be available"). Hops are counted in the environ, so a script
 * that redirects to itself ends with an error instead of a loop.
 */
public final class CgiLocalRedirect {
    /** The environ key counting local redirects of one client request. */
    public static final String HOPS = "cgi.local_redirects";

    private CgiLocalRedirect() {
    }

    /**
     * A copy of {@code original} asking for {@code location} from the root of the URL space.
     *
     * @throws CgiResponseException if this would be hop {@code maxHops + 1}, or the path has a bad escape
     */
    public static Environ environ(Environ original, String location, int maxHops) throws CgiResponseException {
        int hops = original.get(HOPS) instanceof Integer n ? n : 0;
        if (hops >= maxHops) throw new CgiResponseException("more than " + maxHops + " CGI local redirects, the last to " + location);
        int q = location.indexOf('?');
        String rawPath = q < 0 ? location : location.substring(0, q);
        String path = PathCodec.decode(rawPath);
        if (path == null) throw new CgiResponseException("CGI local redirect to a path with a malformed %-escape: " + location);
        Environ env = original.copy();
        env.put(EnvironKeys.REQUEST_METHOD, "GET");
        env.put(EnvironKeys.SCRIPT_NAME, "");
        env.put(EnvironKeys.PATH_INFO, path);
        env.put(EnvironKeys.QUERY_STRING, q < 0 ? "" : location.substring(q + 1));
        env.put(EnvironKeys.REQUEST_URI, location);
        env.remove(EnvironKeys.CONTENT_LENGTH);
        env.remove(EnvironKeys.CONTENT_TYPE);
        env.put(EnvironKeys.INPUT, InputStream.nullInputStream());
        env.put(EnvironKeys.INPUT_TERMINATED, Boolean.TRUE);
        env.put(HOPS, hops + 1);
        return env;
    }
}
