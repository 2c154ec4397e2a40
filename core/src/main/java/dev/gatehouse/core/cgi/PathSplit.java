package dev.gatehouse.core.cgi;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.PathCodec;
import java.util.Objects;

/**
 * SCRIPT_NAME and PATH_INFO as the gateway interface wants them (SCRIPT_NAME + PATH_INFO is the
 * decoded path), made of what a web server sent. SCRIPT_NAME never ends in '/': a split regex like
 * nginx's {@code ^(/app/)(.*)$} sends {@code /app/} and {@code x}, and the slash moves to PATH_INFO.
 */
public record PathSplit(String scriptName, String pathInfo) {
    public PathSplit {
        Objects.requireNonNull(pathInfo, "pathInfo");
        int end = scriptName.length();
        while (end > 0 && scriptName.charAt(end - 1) == '/') end--;
        if (end < scriptName.length()) {
            pathInfo = scriptName.substring(end) + pathInfo;
            scriptName = scriptName.substring(0, end);
        }
    }

    /** The app mounted at the root: all of {@code path} is PATH_INFO. */
    public static PathSplit atRoot(String path) {
        return new PathSplit("", path);
    }

    /**
     * The split a web server sent (at least one of the two is not null), repaired where real servers
     * get it wrong; {@code path} is the request's decoded path, null if unknown.
     * <ul>
     *   <li>No PATH_INFO (nginx without {@code fastcgi_split_path_info}, Apache without
     *       {@code proxy-fcgi-pathinfo} or {@code proxy-scgi-pathinfo}): the whole path came as
     *       SCRIPT_NAME, so the app is at the root.</li>
     *   <li>No SCRIPT_NAME: it is "".</li>
     *   <li>SCRIPT_NAME + PATH_INFO is not {@code path} (Apache's {@code proxy-*-pathinfo} sends
     *       PATH_INFO still percent-encoded, and the whole path as SCRIPT_NAME): PATH_INFO is decoded
     *       if needed and, if {@code path} ends with it, SCRIPT_NAME becomes the part before it.</li>
     * </ul>
     */
    public static PathSplit fromWebServer(String scriptName, String pathInfo, String path) {
        if (pathInfo == null) return atRoot(scriptName);
        if (scriptName == null) return atRoot(pathInfo);
        if (path == null || (scriptName + pathInfo).equals(path)) return new PathSplit(scriptName, pathInfo);
        String decoded = pathInfo.indexOf('%') >= 0 ? PathCodec.decode(pathInfo) : pathInfo;
        if (decoded == null || decoded.isEmpty() || !path.endsWith(decoded)) return new PathSplit(scriptName, pathInfo);
        return new PathSplit(path.substring(0, path.length() - decoded.length()), decoded);
    }

    /** Sets SCRIPT_NAME and PATH_INFO in {@code env}. */
    public void putInto(Environ env) {
        env.put(EnvironKeys.SCRIPT_NAME, scriptName);
        env.put(EnvironKeys.PATH_INFO, pathInfo);
    }
}
