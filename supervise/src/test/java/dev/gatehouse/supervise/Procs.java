package dev.gatehouse.supervise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** What the tests look at from the outside: /proc, this JVM's open descriptors, bounded waits. */
final class Procs {
    /** A bound on waits for something that must happen; a test fails when it passes, never asserts on it. */
    static final long BOUND_MILLIS = 30_000;

    private Procs() {
    }

    /** Waits (polling, bounded) until {@code condition} holds; fails with {@code what} when the bound passes. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) Assertions.fail("gave up waiting (bound " + BOUND_MILLIS + " ms) for: " + what);
            Thread.sleep(10);
        }
    }

    /** The pids in {@code pids} that still have an entry in /proc (running, or zombies nobody reaped). */
    static List<Long> stillInProc(Collection<Long> pids) {
        return pids.stream().filter(ProcessTree::inProc).toList();
    }

    /**
     * The pids in {@code pids} that still run. A zombie is dead: where PID 1 does not reap the
     * orphans it adopts (some container inits), a worker whose master exited first stays one.
     */
    static List<Long> alive(Collection<Long> pids) {
        return pids.stream().filter(pid -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException gone) {
                return false;
            }
        }).toList();
    }

    /** The live descendants of {@code pid}. */
    static List<Long> children(long pid) {
        return ProcessHandle.of(pid).map(h -> h.descendants().map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    /** The processes in group {@code pgid}. */
    static List<Long> group(long pgid) {
        return ProcessTree.groupMembers(pgid);
    }

    /** How many of this JVM's descriptors are pipes and sockets ({@code pipe:[..]}, {@code socket:[..]}). */
    static int pipesAndSockets() {
        int n = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("pipe:") || target.startsWith("socket:")) n++;
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor, or one closed since
                }
            }
        } catch (IOException e) {
            Assertions.fail("cannot list /proc/self/fd: " + e);
        }
        return n;
    }

    /** The php-cgi binary, or skips (fails when CI=true) with the install command. */
    static Path requirePhpCgi() {
        for (String candidate : List.of("/usr/bin/php-cgi", "/usr/bin/php-cgi8.2")) {
            if (Files.isExecutable(Path.of(candidate))) return Path.of(candidate);
        }
        String message = "php-cgi not found; apt-get install php-cgi";
        if ("true".equals(System.getenv("CI"))) Assertions.fail(message + " (required when CI=true)");
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }

    /** /usr/bin/python3, which hands sockets over on standard input, or skips (fails when CI=true). */
    static Path requirePython() {
        Path python = Path.of("/usr/bin/python3");
        if (Files.isExecutable(python)) return python;
        String message = "/usr/bin/python3 not found; apt-get install python3";
        if ("true".equals(System.getenv("CI"))) Assertions.fail(message + " (required when CI=true)");
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }

    /** The java launcher running these tests, and their class path, for child JVMs. */
    static List<String> javaCommand(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }
}
