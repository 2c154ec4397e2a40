package dev.gatehouse.cgi.client;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * The test scripts (sh, Perl, Python, in {@code src/test/resources/scripts}) installed in a
 * directory with their execute bits (Maven copies resources without them), except
 * {@code not-exec.sh}, which must stay non-executable.
 */
final class CgiScripts {
    static final String NOT_EXECUTABLE = "not-exec.sh";

    private CgiScripts() {
    }

    /**
     * Copies every script into {@code dir/cgi-bin} and makes the directories on the way readable
     * by all, since Apache's workers run as another user; returns the script directory.
     */
    static Path install(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("cgi-bin"));
        Path source;
        try {
            source = Path.of(CgiScripts.class.getResource("/scripts").toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Path to = bin.resolve(f.getFileName());
                Files.copy(f, to);
                String mode = f.getFileName().toString().equals(NOT_EXECUTABLE) ? "rw-r--r--" : "rwxr-xr-x";
                Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(mode));
            }
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
