package dev.gatehouse.web.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Tells whether the .class files under a directory changed since the last look, by a fingerprint
 * of their names, sizes and modification times. Polled on request, so no thread is needed.
 */
final class ClassDirectoryWatcher {
    private static final int MAX_DEPTH = 64;
    private final Path dir;
    private long fingerprint;

    ClassDirectoryWatcher(Path dir) {
        this.dir = dir;
        this.fingerprint = scan();
    }

    /** True when something changed since the previous call (or the construction). */
    boolean changed() {
        long now = scan();
        boolean changed = now != fingerprint;
        fingerprint = now;
        return changed;
    }

    private long scan() {
        try (Stream<Path> files = Files.walk(dir, MAX_DEPTH)) {
            return files.filter(p -> p.toString().endsWith(".class")).mapToLong(ClassDirectoryWatcher::fingerprintOf)
                    .reduce(17, (a, b) -> a * 31 + b);
        } catch (IOException e) {
            throw new UncheckedIOException("scanning " + dir, e);
        }
    }

    private static long fingerprintOf(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return file.hashCode() * 1_000_003L ^ a.size() * 31 ^ a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return file.hashCode(); // deleted while walking: the next scan sees the settled state
        }
    }
}
