package dev.gatehouse.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo site's configuration and files, copied out of the jar into a private temporary
 * directory (so they are served from disk as a user's would be, wherever the jar runs) and removed
 * when closed.
 */
final class DemoFiles implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoFiles.class);
    /** Every file of the demo under /demo in the jar; scripts are made executable. */
    static final List<String> FILES = List.of("site.toml", "static/index.html", "static/style.css", "static/style.css.gz",
            "static/notes.txt", "cgi-bin/hello.sh", "php/index.php");

    private final Path dir;

    private DemoFiles(Path dir) {
        this.dir = dir;
    }

    static DemoFiles extract() throws StartupException {
        Path dir;
        try {
            dir = Files.createTempDirectory("gatehouse-demo-site-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new StartupException("cannot create a directory for the demo's files: " + e.getMessage());
        }
        DemoFiles demo = new DemoFiles(dir);
        try {
            for (String name : FILES) {
                Path target = dir.resolve(name);
                Files.createDirectories(target.getParent());
                try (InputStream in = DemoFiles.class.getResourceAsStream("/demo/" + name)) {
                    if (in == null) throw new IOException("demo file " + name + " is missing from the jar");
                    Files.copy(in, target);
                }
                if (name.startsWith("cgi-bin/")) Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            demo.close();
            throw new StartupException("cannot copy the demo's files to " + dir + ": " + e.getMessage());
        }
        return demo;
    }

    /** The demo's configuration file. */
    Path config() {
        return dir.resolve("site.toml");
    }

    @Override
    public void close() {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            log.debug("removing {}: {}", dir, e.toString());
        }
    }
}
