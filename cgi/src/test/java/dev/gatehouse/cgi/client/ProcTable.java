package dev.gatehouse.cgi.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** The process table as /proc shows it, for tests that check what runs, what was killed and what was reaped. */
final class ProcTable {
    /** One process: /proc/PID/stat's pid, state, ppid and process group. */
    record Proc(long pid, char state, long ppid, long pgid) {
    }

    private ProcTable() {
    }

    static List<Proc> all() {
        List<Proc> procs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            for (Path d : dirs.toList()) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                Proc p = read(Long.parseLong(name));
                if (p != null) procs.add(p);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return procs;
    }

    /** The process, or null if there is none with that pid. */
    static Proc read(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (IOException e) {
            return null; // gone
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new Proc(pid, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]));
    }

    /** True if {@code pid} runs (exists and is not a zombie). */
    static boolean running(long pid) {
        Proc p = read(pid);
        return p != null && p.state() != 'Z' && p.state() != 'X';
    }

    /** Every descendant of this JVM. */
    static List<Proc> descendantsOfThisJvm() {
        List<Proc> procs = all();
        Set<Long> family = new HashSet<>(Set.of(ProcessHandle.current().pid()));
        List<Proc> found = new ArrayList<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Proc p : procs) {
                if (!family.contains(p.pid()) && family.contains(p.ppid())) {
                    family.add(p.pid());
                    found.add(p);
                    grew = true;
                }
            }
        }
        return found;
    }

    /** Zombies among this JVM's descendants. */
    static List<Proc> zombies() {
        return descendantsOfThisJvm().stream().filter(p -> p.state() == 'Z').toList();
    }

    /** Waits (bounded, never asserted on) until {@code condition} holds; returns whether it did. */
    static boolean await(Duration bound, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) return false;
            Thread.sleep(20);
        }
        return true;
    }

    /** The pids (space-separated numbers) a script wrote to {@code file}, once it exists. */
    static long[] pidsIn(Path file) throws IOException, InterruptedException {
        if (!await(Duration.ofSeconds(30), () -> Files.exists(file))) throw new IllegalStateException("the script never wrote " + file);
        return Stream.of(Files.readString(file).trim().split("\\s+")).mapToLong(Long::parseLong).toArray();
    }
}
