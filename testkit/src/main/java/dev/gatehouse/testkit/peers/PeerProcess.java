package dev.gatehouse.testkit.peers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real peer (nginx, Apache, ...) run in the foreground from a temp directory: started from its
 * binary, ready once its port answers, stopped through its own process handle, directory removed.
 */
public final class PeerProcess implements AutoCloseable {
    private static final long READY_MILLIS = 15_000;
    private final String name;
    private final Process process;
    private final Path dir;
    private final InetSocketAddress address;

    private PeerProcess(String name, Process process, Path dir, InetSocketAddress address) {
        this.name = name;
        this.process = process;
        this.dir = dir;
        this.address = address;
    }

    /**
     * Checks that {@code binary} is installed. When it is not, the calling test fails if the
     * environment variable CI is "true" (CI installs every peer), and is skipped otherwise.
     */
    public static void require(Path binary, String installHint) {
        if (Files.isExecutable(binary)) return;
        String message = binary + " is not installed: " + installHint;
        if ("true".equals(System.getenv("CI"))) Assertions.fail(message);
        Assumptions.abort(message);
    }

    /** A TCP port on 127.0.0.1 that was free a moment ago, for a peer to listen on. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code command} in {@code dir} (output to dir/NAME.out) and waits until {@code address} accepts connections. */
    static PeerProcess start(String name, List<String> command, Path dir, InetSocketAddress address) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile()).start();
        PeerProcess peer = new PeerProcess(name, process, dir, address);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_MILLIS);
        while (true) {
            if (!process.isAlive()) {
                String log = peer.logs();
                peer.close();
                throw new IOException(name + " exited with " + process.exitValue() + " at start-up:\n" + log);
            }
            try (Socket probe = new Socket()) {
                probe.connect(address, 500);
                return peer;
            } catch (IOException notYet) {
                if (System.nanoTime() > until) {
                    String log = peer.logs();
                    peer.close();
                    throw new IOException(name + " did not listen on " + address + " within " + READY_MILLIS + " ms:\n" + log);
                }
                sleep(20);
            }
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    public Path dir() {
        return dir;
    }

    /** What the peer wrote to its console and its logs so far (for failure messages). */
    public String logs() {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".out")).sorted().toList()) {
                all.append("==> ").append(f.getFileName()).append(" <==\n").append(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            all.append("(logs unreadable: ").append(e.getMessage()).append(")");
        }
        return all.toString();
    }

    /** Stops the peer by its handle (SIGTERM, then SIGKILL), its children too, and removes its directory. */
    @Override
    public void close() throws IOException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Override
    public String toString() {
        return name + " on " + address;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
