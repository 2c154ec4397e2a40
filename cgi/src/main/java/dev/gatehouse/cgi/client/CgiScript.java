package dev.gatehouse.cgi.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The script a request path names under a script directory, found the way Apache's
 * {@code ScriptAlias} finds it: the path's segments are walked from the directory, and the first
 * one that is a file is the script; whatever follows is PATH_INFO.
 *
 * <p>Refused, before anything runs:
 * <ul>
 *   <li>a {@code .} or {@code ..} segment anywhere in the path (also when it came percent-encoded,
 *       as {@code %2e%2e}: the path arrives decoded), an empty segment before the script, a NUL
 *       or a backslash: 403, as traversal attempts;</li>
 *   <li>a symbolic link (to the script or to a directory on the way) whose target is outside the
 *       script directory: 403;</li>
 *   <li>a missing file: 404; a path that ends at a directory (Apache: "attempt to invoke directory
 *       as script"), a file that is not regular, or one this process may not execute: 403.</li>
 * </ul>
 * A script whose name starts with {@code nph-} is a non-parsed-header script (RFC 3875 section 5).
 *
 * @param scriptPath the script's path under the mount, from the request ({@code /sub/env.sh}), in
 *     the environ's form (the request's bytes as ISO-8859-1 characters)
 * @param pathInfo what follows it in the request path, possibly empty, in the same form
 * @param file the script as named under the directory (the SCRIPT_FILENAME)
 * @param executable the script's real path (symbolic links resolved), which is what runs
 * @param nph true for an {@code nph-} script
 */
record CgiScript(String scriptPath, String pathInfo, Path file, Path executable, boolean nph) {
    static final String NPH_PREFIX = "nph-";

    /** The script's own name ({@code env.sh}), for log lines. */
    String name() {
        return file.getFileName().toString();
    }

    /**
     * Finds the script {@code pathInfo} names under {@code root}.
     *
     * @param root the script directory's real path (symbolic links resolved)
     * @param pathInfo PATH_INFO under the mount, in the environ's form
     * @throws CgiScriptException 403 or 404, with the reason for the log
     */
    static CgiScript resolve(Path root, String pathInfo) throws CgiScriptException {
        checkSegments(pathInfo);
        Path named = root; // as the request names it, for SCRIPT_FILENAME
        Path real = root;  // where that really is
        int start = 1;     // after the '/' that begins the segment
        while (true) {
            int end = pathInfo.indexOf('/', start);
            if (end < 0) end = pathInfo.length();
            String segment = pathInfo.substring(start, end);
            if (segment.isEmpty()) {
                throw new CgiScriptException(403, end == pathInfo.length() ? "path " + quote(pathInfo) + " names a directory, not a script"
                        : "empty segment in " + quote(pathInfo));
            }
            String fileName = fileName(segment);
            named = named.resolve(fileName);
            real = real.resolve(fileName);
            BasicFileAttributes attributes = attributes(real, pathInfo);
            if (attributes.isSymbolicLink()) {
                real = followInside(root, real, pathInfo);
                attributes = attributes(real, pathInfo);
            }
            if (attributes.isRegularFile()) {
                if (!Files.isExecutable(real)) throw new CgiScriptException(403, "script " + named + " is not executable");
                return new CgiScript(pathInfo.substring(0, end), pathInfo.substring(end), named, real, fileName.startsWith(NPH_PREFIX));
            }
            if (!attributes.isDirectory()) throw new CgiScriptException(403, named + " is neither a script nor a directory");
            if (end == pathInfo.length()) throw new CgiScriptException(403, "path " + quote(pathInfo) + " names a directory, not a script");
            start = end + 1;
        }
    }

    /** No dot segments anywhere (they would also reach PATH_TRANSLATED), no NUL, no backslash. */
    private static void checkSegments(String pathInfo) throws CgiScriptException {
        if (!pathInfo.startsWith("/")) throw new CgiScriptException(403, "path " + quote(pathInfo) + " names no script");
        if (pathInfo.indexOf('\0') >= 0) throw new CgiScriptException(403, "NUL in path " + quote(pathInfo));
        if (pathInfo.indexOf('\\') >= 0) throw new CgiScriptException(403, "backslash in path " + quote(pathInfo));
        int start = 1;
        while (start <= pathInfo.length()) {
            int end = pathInfo.indexOf('/', start);
            if (end < 0) end = pathInfo.length();
            int length = end - start;
            if ((length == 1 || length == 2) && pathInfo.startsWith("..".substring(0, length), start)) {
                throw new CgiScriptException(403, "dot segment in path " + quote(pathInfo) + " (traversal refused)");
            }
            start = end + 1;
        }
    }

    private static BasicFileAttributes attributes(Path p, String pathInfo) throws CgiScriptException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new CgiScriptException(404, "no script for " + quote(pathInfo) + " (" + p + " does not exist)");
        } catch (IOException e) {
            throw new CgiScriptException(403, "cannot read " + p + " for " + quote(pathInfo) + ": " + e);
        }
    }

    /** The real path of the link {@code link}, which must stay under {@code root}. */
    private static Path followInside(Path root, Path link, String pathInfo) throws CgiScriptException {
        Path target;
        try {
            target = link.toRealPath();
        } catch (NoSuchFileException e) {
            throw new CgiScriptException(404, "no script for " + quote(pathInfo) + " (" + link + " is a dangling link)");
        } catch (IOException e) {
            throw new CgiScriptException(403, "cannot resolve " + link + " for " + quote(pathInfo) + ": " + e);
        }
        if (!target.startsWith(root)) {
            throw new CgiScriptException(403, "symbolic link " + link + " points outside the script directory, to " + target + " (refused)");
        }
        return target;
    }

    /** A segment in the environ's form (bytes as ISO-8859-1) as a file name: its bytes decoded as UTF-8. */
    private static String fileName(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) >= 0x80) return new String(segment.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
        return segment;
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        int limit = Math.min(s.length(), 200);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        if (s.length() > limit) b.append("...");
        return b.append('"').toString();
    }
}
