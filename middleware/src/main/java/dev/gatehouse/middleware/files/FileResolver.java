package dev.gatehouse.middleware.files;

import dev.gatehouse.api.PathCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a URL path under a root directory onto a file, safely. The path (PATH_INFO: already
 * percent-decoded, one ISO-8859-1 character per byte) is split into segments, and the request
 * is refused before the file system is touched when a segment
 * <ul>
 *   <li>is {@code ..} (also what {@code %2e%2e} and {@code .%2E} decode to);</li>
 *   <li>holds a NUL byte or a backslash (a separator on Windows, and in some back ends);</li>
 *   <li>would turn into {@code ..}, a slash, a backslash or NUL if decoded once more
 *       ({@code %252e%252e}, {@code ..%252f}): double encoding aimed at a decoder further on.</li>
 * </ul>
 * Empty and {@code .} segments are dropped ({@code //} and {@code /./} as nginx merges them);
 * a segment starting with a dot is hidden unless the configuration allows it; segments are
 * UTF-8 (a file name that is not cannot be named). The file found is then checked against the
 * symlink policy with its real path, and must be a regular file or a directory.
 */
final class FileResolver {
    /** The result of resolving one path. */
    sealed interface Resolution permits Found, Directory, Missing, Refused {
    }

    /** A regular file; {@code segments} lead to it from the root (for siblings and cache rules). */
    record Found(Path file, BasicFileAttributes attributes, List<String> segments) implements Resolution {
        String name() {
            return segments.isEmpty() ? file.getFileName().toString() : segments.getLast();
        }

        String relativePath() {
            return String.join("/", segments);
        }
    }

    record Directory(Path dir, List<String> segments) implements Resolution {
    }

    /** Nothing there, or nothing the configuration lets anyone see: a 404. */
    record Missing() implements Resolution {
    }

    /**
     * The request is refused with {@code status}; {@code reason} is for the log.
     *
     * @param attack a traversal attempt: logged as a warning
     */
    record Refused(int status, String reason, boolean attack) implements Resolution {
    }

    /** The segments of a path, or why the path is refused. */
    record Segments(List<String> names, Resolution refusal) {
    }

    private static final Missing MISSING = new Missing();

    private final Path root;
    private final StaticFilesConfig config;
    private final ResolutionCache cache = new ResolutionCache();

    /** @throws IllegalArgumentException if {@code root} is not an existing directory */
    FileResolver(Path root, StaticFilesConfig config) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("the files root " + root + " cannot be opened: " + e, e);
        }
        if (!Files.isDirectory(this.root)) throw new IllegalArgumentException("the files root " + root + " is not a directory");
        this.config = config;
    }

    Path root() {
        return root;
    }

    /** How many paths the resolution cache holds now (bounded by {@link ResolutionCache#MAX_ENTRIES}). */
    int cachedPaths() {
        return cache.size();
    }

    Resolution resolve(String pathInfo) {
        Segments parsed = segments(pathInfo, config);
        return parsed.refusal() != null ? parsed.refusal() : resolve(parsed.names());
    }

    /** Resolves segments already checked by {@link #segments}; see {@link ResolutionCache} for how long an answer is kept. */
    Resolution resolve(List<String> segments) {
        Resolution known = cache.get(segments);
        if (known != null) return known;
        Resolution resolution = resolveNow(segments);
        cache.put(segments, resolution);
        return resolution;
    }

    /**
     * Walks the path with one {@code lstat} per segment: without a symbolic link on the way, the
     * path is its own real path and the last {@code lstat} has the attributes. Only a path through
     * a link pays for {@code toRealPath} (a {@code readlink} per component) and the link policy.
     */
    private Resolution resolveNow(List<String> segments) {
        Path candidate = root;
        BasicFileAttributes attributes = null;
        try {
            for (String s : segments) {
                candidate = candidate.resolve(s);
                attributes = Files.readAttributes(candidate, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isSymbolicLink()) return resolveThroughLinks(segments);
            }
        } catch (InvalidPathException e) {
            return MISSING;
        } catch (AccessDeniedException e) {
            return new Refused(403, "permission denied: " + e.getFile(), false);
        } catch (IOException | UncheckedIOException e) {
            return MISSING; // missing, a file used as a directory (ENOTDIR), a name too long...
        }
        if (attributes == null) return new Directory(root, segments);
        return classify(candidate, attributes, segments);
    }

    private Resolution resolveThroughLinks(List<String> segments) {
        Path candidate = root;
        for (String s : segments) candidate = candidate.resolve(s);
        Path real;
        BasicFileAttributes attributes;
        try {
            real = candidate.toRealPath();
            attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (AccessDeniedException e) {
            return new Refused(403, "permission denied: " + e.getFile(), false);
        } catch (IOException | UncheckedIOException e) {
            // missing, a file used as a directory (ENOTDIR), a link loop, a name too long...
            return MISSING;
        }
        Resolution link = checkLinks(candidate, real);
        if (link != null) return link;
        return classify(real, attributes, segments);
    }

    private static Resolution classify(Path real, BasicFileAttributes attributes, List<String> segments) {
        if (attributes.isDirectory()) return new Directory(real, segments);
        if (attributes.isRegularFile()) return new Found(real, attributes, segments);
        return new Refused(403, "not a regular file: " + real, false);
    }

    /** A sibling named {@code NAME + suffix} that is a regular file, or null (remembered like any path, so cheap when missing). */
    Found sibling(Found file, String suffix) {
        List<String> names = new ArrayList<>(file.segments());
        if (names.isEmpty()) return null;
        names.set(names.size() - 1, names.getLast() + suffix);
        return resolve(List.copyOf(names)) instanceof Found found ? found : null;
    }

    private Resolution checkLinks(Path candidate, Path real) {
        return switch (config.symlinks()) {
            case ANY -> null;
            case WITHIN_ROOT -> real.startsWith(root) ? null
                    : new Refused(403, "symbolic link leads out of the root to " + real, true);
            case REFUSE -> real.equals(candidate) ? null
                    : new Refused(403, "symbolic links are refused (" + candidate + " is " + real + ")", false);
        };
    }

    /** Splits and checks a PATH_INFO; see the class documentation for what is refused. */
    static Segments segments(String pathInfo, StaticFilesConfig config) {
        Segments parsed = parse(pathInfo);
        if (parsed.refusal() == null && isHidden(parsed.names(), config)) return new Segments(null, MISSING);
        return parsed;
    }

    /** Splits a path and refuses traversal, without the hidden-file rule (for paths that include their root). */
    static Segments parse(String path) {
        List<String> names = new ArrayList<>();
        int i = 0;
        int n = path.length();
        while (i <= n) {
            int slash = path.indexOf('/', i);
            if (slash < 0) slash = n;
            String raw = path.substring(i, slash);
            i = slash + 1;
            if (raw.isEmpty() || raw.equals(".")) continue;
            String why = traversal(raw);
            if (why != null) return new Segments(null, new Refused(403, why, true));
            String name = utf8(raw);
            if (name == null) return new Segments(null, MISSING);
            names.add(name);
        }
        return new Segments(List.copyOf(names), null);
    }

    /** True if a segment is a dot-name the configuration does not serve. */
    static boolean isHidden(List<String> names, StaticFilesConfig config) {
        if (config.hiddenFiles()) return false;
        for (String name : names) {
            if (name.startsWith(".") && !config.hiddenAllowed().contains(name)) return true;
        }
        return false;
    }

    private static String traversal(String segment) {
        if (segment.equals("..")) return "'..' segment";
        if (segment.indexOf('\0') >= 0) return "NUL byte in the path";
        if (segment.indexOf('\\') >= 0) return "backslash in the path";
        if (segment.indexOf('%') >= 0) {
            String again = PathCodec.decode(segment);
            if (again != null && (again.equals("..") || again.indexOf('/') >= 0 || again.indexOf('\\') >= 0 || again.indexOf('\0') >= 0)) {
                return "double-encoded traversal";
            }
        }
        return null;
    }

    /** The segment's bytes as UTF-8, or null when they are not valid UTF-8. */
    private static String utf8(String latin1) {
        boolean ascii = true;
        for (int k = 0; k < latin1.length() && ascii; k++) ascii = latin1.charAt(k) < 0x80;
        if (ascii) return latin1;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
