package dev.gatehouse.examples.accounts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temp directory for a test's database, removed with everything in it. */
final class TempDir implements AutoCloseable {
    private final Path path;

    private TempDir(Path path) {
        this.path = path;
    }

    static TempDir create() throws IOException {
        return new TempDir(Files.createTempDirectory("gatehouse-accounts-test-"));
    }

    /** One that any user may write: a web server runs CGI scripts as an unprivileged user. */
    static TempDir worldWritable() throws IOException {
        Path dir = Files.createTempDirectory("gatehouse-accounts-test-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return new TempDir(dir);
    }

    Path path() {
        return path;
    }

    Path resolve(String name) {
        return path.resolve(name);
    }

    @Override
    public void close() throws IOException {
        if (!Files.exists(path)) return;
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
