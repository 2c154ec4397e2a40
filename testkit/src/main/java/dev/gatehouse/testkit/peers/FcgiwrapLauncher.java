package dev.gatehouse.testkit.peers;

import dev.gatehouse.core.net.ListenAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real fcgiwrap for a test: runs the CGI script named by SCRIPT_FILENAME for each FastCGI
 * request, listening on a Unix socket in a temporary directory ({@code -s unix:PATH}) or on a
 * free 127.0.0.1 port ({@code -s tcp:127.0.0.1:PORT}); {@code -f} passes the scripts' stderr on
 * as FCGI_STDERR. Returns once the socket accepts; stopped by process handle. Missing fcgiwrap
 * skips the test, or fails it when CI=true.
 */
public final class FcgiwrapLauncher implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/fcgiwrap");
    private static final Duration STARTUP_BOUND = Duration.ofSeconds(20);

    private final Process process;
    private final ListenAddress address;

    private FcgiwrapLauncher(Process process, ListenAddress address) {
        this.process = process;
        this.address = address;
    }

    public static Path requireInstalled() {
        if (Files.isExecutable(BINARY)) return BINARY;
        String message = "fcgiwrap not found at " + BINARY + "; apt-get install fcgiwrap";
        if ("true".equals(System.getenv("CI"))) Assertions.fail(message + " (required when CI=true)");
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }

    /** Starts fcgiwrap with {@code children} preforked workers, its socket and output in {@code dir}. */
    public static FcgiwrapLauncher start(Path dir, boolean unixSocket, int children) throws IOException {
        Path binary = requireInstalled();
        Files.createDirectories(dir);
        ListenAddress address = unixSocket ? ListenAddress.unix(dir.resolve("fcgiwrap.sock"))
                : ListenAddress.tcp("127.0.0.1", PhpFpmLauncher.freePort());
        String socket = address.isUnix() ? "unix:" + address.unixPath() : "tcp:" + address.host() + ":" + address.port();
        Path output = dir.resolve("fcgiwrap.out");
        Process process = new ProcessBuilder(List.of(binary.toString(), "-f", "-c", Integer.toString(children), "-s", socket))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        FcgiwrapLauncher launcher = new FcgiwrapLauncher(process, address);
        long deadline = System.nanoTime() + STARTUP_BOUND.toNanos();
        while (!PhpFpmLauncher.accepts(address)) {
            if (!process.isAlive()) throw new IOException("fcgiwrap exited with " + process.exitValue() + ": " + Files.readString(output));
            if (System.nanoTime() > deadline) {
                launcher.close();
                throw new IOException("fcgiwrap did not listen on " + address + " within " + STARTUP_BOUND);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting fcgiwrap", e);
            }
        }
        return launcher;
    }

    public ListenAddress address() {
        return address;
    }

    /** The {@code fastcgi:} target, e.g. {@code fastcgi:unix:/tmp/x/fcgiwrap.sock}. */
    public String fastcgiTarget() {
        return address.isUnix() ? "fastcgi:" + address : "fastcgi://" + address;
    }

    @Override
    public void close() {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (address.isUnix()) {
            try {
                Files.deleteIfExists(address.unixPath());
            } catch (IOException ignored) {
                // a stale socket in a temp dir is harmless
            }
        }
    }
}
