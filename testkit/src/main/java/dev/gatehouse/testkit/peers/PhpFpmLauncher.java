package dev.gatehouse.testkit.peers;

import dev.gatehouse.core.net.ListenAddress;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PHP-FPM ({@code php-fpm8.2 -F -y CONF}) for a test: its own configuration, pid file,
 * error log and socket in a temporary directory, listening on a free 127.0.0.1 port or a Unix
 * socket there, with a static pool of {@code maxChildren} workers. {@link #start} returns once
 * the socket accepts connections; {@link #close} stops the master and its workers by process
 * handle. Missing PHP-FPM skips the test, or fails it when CI=true.
 */
public final class PhpFpmLauncher implements AutoCloseable {
    private static final List<String> BINARIES = List.of("/usr/sbin/php-fpm8.2", "/usr/sbin/php-fpm");
    private static final Duration STARTUP_BOUND = Duration.ofSeconds(20);

    private final Process process;
    private final ListenAddress address;
    private final Path errorLog;

    private PhpFpmLauncher(Process process, ListenAddress address, Path errorLog) {
        this.process = process;
        this.address = address;
        this.errorLog = errorLog;
    }

    /** The php-fpm binary, or skips (fails when CI=true) with the install command. */
    public static Path requireInstalled() {
        for (String candidate : BINARIES) {
            if (Files.isExecutable(Path.of(candidate))) return Path.of(candidate);
        }
        String message = "php-fpm not found (" + BINARIES + "); apt-get install php-fpm";
        if ("true".equals(System.getenv("CI"))) Assertions.fail(message + " (required when CI=true)");
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }

    /**
     * Starts PHP-FPM with its files in {@code dir}.
     *
     * @param unixSocket listen on {@code dir/php-fpm.sock} instead of a 127.0.0.1 port
     * @param maxChildren workers in the static pool
     * @param poolLines extra lines for the pool section, e.g. {@code php_admin_value[output_buffering] = 0}
     */
    public static PhpFpmLauncher start(Path dir, boolean unixSocket, int maxChildren, List<String> poolLines) throws IOException {
        Path binary = requireInstalled();
        Files.createDirectories(dir);
        ListenAddress address = unixSocket ? ListenAddress.unix(dir.resolve("php-fpm.sock")) : ListenAddress.tcp("127.0.0.1", freePort());
        Path errorLog = dir.resolve("php-fpm.log");
        Path conf = dir.resolve("php-fpm.conf");
        Files.writeString(conf, config(dir, address, errorLog, maxChildren, poolLines), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(binary.toString(), "-F", "-n", "-y", conf.toString()));
        if (isRoot()) command.add("-R"); // PHP-FPM refuses to run as root without it
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("php-fpm.out").toFile()).start();
        PhpFpmLauncher launcher = new PhpFpmLauncher(process, address, errorLog);
        launcher.awaitListening(dir.resolve("php-fpm.out"));
        return launcher;
    }

    private static String config(Path dir, ListenAddress address, Path errorLog, int maxChildren, List<String> poolLines) {
        StringBuilder c = new StringBuilder();
        c.append("[global]\n");
        c.append("pid = ").append(dir.resolve("php-fpm.pid")).append('\n');
        c.append("error_log = ").append(errorLog).append('\n');
        c.append("daemonize = no\n");
        c.append("[test]\n");
        if (isRoot()) c.append("user = root\ngroup = root\n");
        c.append("listen = ").append(address.isUnix() ? address.unixPath().toString() : address.host() + ":" + address.port()).append('\n');
        c.append("listen.allowed_clients = 127.0.0.1\n");
        c.append("pm = static\n");
        c.append("pm.max_children = ").append(maxChildren).append('\n');
        c.append("catch_workers_output = yes\n");
        c.append("clear_env = yes\n");
        for (String line : poolLines) c.append(line).append('\n');
        return c.toString();
    }

    public ListenAddress address() {
        return address;
    }

    /** The {@code fastcgi:} target of this PHP-FPM, e.g. {@code fastcgi://127.0.0.1:40123}. */
    public String fastcgiTarget() {
        return address.isUnix() ? "fastcgi:" + address : "fastcgi://" + address;
    }

    /** PHP-FPM's error log, for assertion messages. */
    public String errorLog() {
        try {
            return Files.exists(errorLog) ? Files.readString(errorLog, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private void awaitListening(Path output) throws IOException {
        long deadline = System.nanoTime() + STARTUP_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("php-fpm exited with " + process.exitValue() + ": " + Files.readString(output) + errorLog());
            }
            if (accepts(address)) return;
            pause();
        }
        close();
        throw new IOException("php-fpm did not listen on " + address + " within " + STARTUP_BOUND + ": " + errorLog());
    }

    static boolean accepts(ListenAddress address) {
        if (address.isUnix() && !Files.exists(address.unixPath())) return false;
        try (SocketChannel ch = address.isUnix() ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open()) {
            ch.connect(address.toSocketAddress());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the master (SIGTERM, then SIGKILL) and any worker left behind, by process handle. */
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
    }
}
