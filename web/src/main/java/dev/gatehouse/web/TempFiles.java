package dev.gatehouse.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The temp files of one request, deleted together when the request ends. */
final class TempFiles {
    private static final Logger LOG = LoggerFactory.getLogger(TempFiles.class);
    private final Path dir;
    private final List<Path> files = new ArrayList<>();

    TempFiles(Path dir) {
        this.dir = dir;
    }

    Path create() throws IOException {
        Path file = dir == null ? Files.createTempFile("gatehouse-upload-", ".part")
                : Files.createTempFile(dir, "gatehouse-upload-", ".part");
        files.add(file);
        return file;
    }

    void deleteAll() {
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                LOG.warn("could not delete upload temp file {}: {}", f, e.toString());
            }
        }
        files.clear();
    }
}
