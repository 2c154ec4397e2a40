package dev.gatehouse.middleware.files;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where {@link SendfileMiddleware} may take files from, each option with its default.
 *
 * @param accelLocations {@code X-Accel-Redirect} URI prefix to directory, as nginx's
 *                       {@code location /protected/ { internal; alias DIR/; }}: the header
 *                       {@code /protected/a/b.pdf} serves {@code DIR/a/b.pdf}; default none
 * @param sendfileRoots directories under which an {@code X-Sendfile} absolute path may lie, as
 *                      Apache's {@code XSendFilePath}; default none
 * @param unescapeSendfile percent-decode the {@code X-Sendfile} value first, as mod_xsendfile's
 *                         {@code XSendFileUnescape on} (its default and ours);
 *                         {@code X-Accel-Redirect} is a URI and is always decoded
 * @param files how the files are answered (symlinks, hidden files, MIME types, charset,
 *              Cache-Control, ranges, precompressed siblings); index files and listings do not
 *              apply: a header naming a directory is a 404
 */
public record SendfileConfig(Map<String, Path> accelLocations, List<Path> sendfileRoots, boolean unescapeSendfile,
                             StaticFilesConfig files) {

    public static final SendfileConfig DEFAULTS = new SendfileConfig(Map.of(), List.of(), true, StaticFilesConfig.defaults());

    public SendfileConfig {
        Map<String, Path> locations = new LinkedHashMap<>();
        accelLocations.forEach((prefix, dir) -> {
            if (!prefix.startsWith("/")) throw new IllegalArgumentException("an X-Accel-Redirect prefix must start with '/': " + prefix);
            String p = prefix;
            while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
            if (locations.put(p, dir) != null) throw new IllegalArgumentException("X-Accel-Redirect prefix given twice: " + prefix);
        });
        accelLocations = Map.copyOf(locations);
        sendfileRoots = List.copyOf(sendfileRoots);
        for (Path root : sendfileRoots) {
            if (!root.isAbsolute()) throw new IllegalArgumentException("an X-Sendfile root must be an absolute path: " + root);
        }
        if (files == null) throw new IllegalArgumentException("files config is null");
    }

    public static SendfileConfig defaults() {
        return DEFAULTS;
    }

    /** Adds an {@code X-Accel-Redirect} location: {@code prefix} (a URI path) served from {@code dir}. */
    public SendfileConfig withAccelLocation(String prefix, Path dir) {
        Map<String, Path> m = new LinkedHashMap<>(accelLocations);
        m.put(prefix, dir);
        return new SendfileConfig(m, sendfileRoots, unescapeSendfile, files);
    }

    /** Adds a directory {@code X-Sendfile} paths may lie under. */
    public SendfileConfig withSendfileRoot(Path dir) {
        List<Path> roots = new java.util.ArrayList<>(sendfileRoots);
        roots.add(dir);
        return new SendfileConfig(accelLocations, roots, unescapeSendfile, files);
    }

    public SendfileConfig withUnescapeSendfile(boolean v) {
        return new SendfileConfig(accelLocations, sendfileRoots, v, files);
    }

    public SendfileConfig withFiles(StaticFilesConfig v) {
        return new SendfileConfig(accelLocations, sendfileRoots, unescapeSendfile, v);
    }
}
