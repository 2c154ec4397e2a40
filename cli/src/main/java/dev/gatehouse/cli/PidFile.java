package dev.gatehouse.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The file naming this process while it serves, for {@code gatehouse reload} (as nginx's pid file is for {@code nginx -s reload}). */
final class PidFile implements AutoCloseable {
    private final Path path;

    private PidFile(Path path) {
        this.path = path;
    }

    static PidFile write(Path path) throws StartupException {
        try {
            Files.writeString(path, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new StartupException("cannot write the pid file " + path + ": " + e.getMessage());
        }
        return new PidFile(path);
    }

    /** The process id a pid file names; throws with a message when there is none. */
    static long read(Path path) throws StartupException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new StartupException("cannot read the pid file " + path + " (is gatehouse serving with this configuration?): " + e.getMessage());
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new StartupException("the pid file " + path + " holds no process id");
        }
    }

    /** Removes the file, unless another process has written its own id there since. */
    @Override
    public void close() {
        try {
            if (Files.exists(path) && read(path) == ProcessHandle.current().pid()) Files.deleteIfExists(path);
        } catch (IOException | StartupException e) {
            // gone or rewritten: nothing of ours to remove
        }
    }
}
