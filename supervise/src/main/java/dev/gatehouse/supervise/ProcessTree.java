package dev.gatehouse.supervise;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A backend process with everything it started: the members of its process group (every backend
 * runs in a session and group of its own, whose id is its pid) and its descendants (in case one
 * left the group). Java cannot signal a group, so each member is signalled by pid; the group's
 * members are found in {@code /proc} (Linux), the descendants through {@link ProcessHandle}.
 * Without /proc (not Linux), only the descendants are found.
 */
final class ProcessTree {
    private static final Path PROC = Path.of("/proc");
    /** include/linux/sched.h: the task is getting shut down. */
    private static final long PF_EXITING = 0x4;

    private ProcessTree() {
    }

    /** The live members of group {@code pgid} and the descendants of {@code pid}, the process itself first when alive. */
    static List<ProcessHandle> members(long pid, long pgid) {
        Map<Long, ProcessHandle> all = new LinkedHashMap<>();
        ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(h -> all.put(h.pid(), h));
        if (pgid > 0) {
            for (long member : groupMembers(pgid)) {
                ProcessHandle.of(member).filter(ProcessHandle::isAlive).ifPresent(h -> all.putIfAbsent(h.pid(), h));
            }
        }
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> all.putIfAbsent(d.pid(), d)));
        all.remove(ProcessHandle.current().pid());
        return List.copyOf(all.values());
    }

    /** SIGKILL to every member; returns how many were signalled. */
    static int kill(long pid, long pgid) {
        int n = 0;
        for (ProcessHandle h : members(pid, pgid)) {
            if (h.destroyForcibly()) n++;
        }
        return n;
    }

    /**
     * SIGKILL to whatever is left in group {@code pgid} once its leader is gone (and reaped, so its
     * pid may be reused: only the group is looked at, never the pid).
     */
    static int killGroup(long pgid) {
        int n = 0;
        long self = ProcessHandle.current().pid();
        for (long member : groupMembers(pgid)) {
            if (member == self) continue;
            if (ProcessHandle.of(member).map(ProcessHandle::destroyForcibly).orElse(false)) n++;
        }
        return n;
    }

    /** The pids whose process group is {@code pgid}, read from {@code /proc/PID/stat}; empty where there is no /proc. */
    static List<Long> groupMembers(long pgid) {
        List<Long> members = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                long pid = Long.parseLong(dir.getFileName().toString());
                statGroup(pid).filter(g -> g == pgid).ifPresent(g -> members.add(pid));
            }
        } catch (IOException e) {
            // no /proc (not Linux): the descendants are all we can find
        }
        return members;
    }

    /** The process group of {@code pid} (field 5 of /proc/PID/stat, after the parenthesized name). */
    static Optional<Long> statGroup(long pid) {
        String stat;
        try {
            stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
        int close = stat.lastIndexOf(')');
        if (close < 0) return Optional.empty();
        String[] fields = stat.substring(close + 1).trim().split(" ");
        if (fields.length < 3 || !isNumber(fields[2])) return Optional.empty();
        return Optional.of(Long.parseLong(fields[2]));
    }

    /**
     * True if {@code pid} is gone or on its way out: no {@code /proc/PID}, a zombie, or the
     * kernel's PF_EXITING flag set (its sockets may already be closed while it is still in
     * {@code do_exit}). Instant, unlike the exit notice, which waits for the JDK's reaper. Null
     * where there is no /proc.
     */
    static Boolean exiting(long pid) {
        if (!Files.isDirectory(PROC.resolve("self"))) return null;
        String stat;
        try {
            stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException gone) {
            return true;
        }
        int close = stat.lastIndexOf(')');
        if (close < 0) return true;
        String[] fields = stat.substring(close + 1).trim().split(" ");
        if (fields.length < 7) return true;
        char state = fields[0].isEmpty() ? '?' : fields[0].charAt(0);
        if (state == 'Z' || state == 'X' || state == 'x') return true;
        // field 9 of stat (the 7th after the name): the task flags
        return isNumber(fields[6]) && (Long.parseLong(fields[6]) & PF_EXITING) != 0;
    }

    /** True while {@code /proc/PID} exists: the process runs or is a zombie not yet reaped. */
    static boolean inProc(long pid) {
        return Files.exists(PROC.resolve(Long.toString(pid)));
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 18) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }
}
