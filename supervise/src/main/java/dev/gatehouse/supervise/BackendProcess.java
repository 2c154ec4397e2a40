package dev.gatehouse.supervise;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One running backend process: spawned in a session (and process group) of its own, with its
 * socket handed over the way its command asks ({@link SocketHandoff}), its output pumped to the
 * log line by line; stopped with SIGTERM to it, SIGKILL to its whole group and descendants. The JDK's process reaper
 * waits for it, so it never lingers as a zombie.
 *
 * <p>The mutable fields are the {@link Supervisor}'s, guarded by its lock.
 */
final class BackendProcess {
    /**
     * The program {@code python3 -c} runs for {@link SocketHandoff#STDIN}: a new session, a Unix
     * socket bound and listening, moved to file descriptor 0, the signals Python ignores set back
     * to their defaults (an ignored SIGPIPE would survive the exec), then exec of the backend,
     * which keeps the pid. Java cannot put a socket on a child's descriptor 0 itself: ProcessBuilder
     * redirects only files and pipes, and the JDK closes every other descriptor in the child.
     */
    static final String STDIN_HANDOFF = String.join("\n",
            "import os, signal, socket, sys",
            "path, backlog, argv = sys.argv[1], int(sys.argv[2]), sys.argv[3:]",
            "try:",
            "    os.setsid()",
            "except OSError:",
            "    pass",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)",
            "s.bind(path)",
            "s.listen(backlog)",
            "os.dup2(s.fileno(), 0)",
            "s.close()",
            "for name in ('SIGPIPE', 'SIGXFSZ'):",
            "    if hasattr(signal, name):",
            "        signal.signal(getattr(signal, name), signal.SIG_DFL)",
            "try:",
            "    os.execvp(argv[0], argv)",
            "except OSError as e:",
            "    sys.stderr.write('cannot run %s: %s\\n' % (argv[0], e.strerror))",
            "    sys.exit(127)",
            "");
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    private static final File DEV_NULL = new File("/dev/null");

    final String name;
    final int slot;
    final Process process;
    final long pid;
    /** The process group to signal: the pid when the process leads its own, else 0 (descendants only). */
    final long pgid;
    final ListenAddress address;
    /** The Unix socket file to remove once the process is gone, or null. */
    final Path socketFile;
    final long startedAt;
    private final List<OutputPump> pumps = new ArrayList<>(2);

    ProcessState state = ProcessState.STARTING;
    int inFlight;
    long served;
    boolean stopRequested;
    boolean startTimedOut;
    /** Seen exiting after a failed request, before the exit notice: no more requests. */
    boolean dying;
    Application app;

    private BackendProcess(String name, int slot, Process process, boolean ownGroup, ListenAddress address, Path socketFile) {
        this.name = name;
        this.slot = slot;
        this.process = process;
        this.pid = process.pid();
        this.pgid = ownGroup ? pid : 0;
        this.address = address;
        this.socketFile = socketFile;
        this.startedAt = System.nanoTime();
    }

    /**
     * Starts {@code command} for slot {@code slot}.
     *
     * @param socketFile the Unix socket for {@link SocketHandoff#STDIN} and {@link SocketHandoff#UNIX_PATH}
     * @param output receives each line the process writes, already prefixed with its name, pid and stream
     * @throws IOException if the program cannot be started (not found, not executable, no python3
     *     for a socket on standard input)
     */
    static BackendProcess spawn(String name, int slot, BackendCommand command, SupervisorConfig config, Path socketFile,
                                Consumer<String> output) throws IOException {
        findProgram(command);
        SocketHandoff handoff = command.handoff();
        List<String> argv = new ArrayList<>();
        ListenAddress address;
        boolean ownGroup = true;
        Path socket = null;
        switch (handoff) {
            case STDIN -> {
                if (!Files.isExecutable(config.python())) {
                    throw new IOException(config.python() + " is needed to hand the backend its socket on standard input and is not there"
                            + " (install python3, or put " + BackendCommand.SOCKET + " in the command for a backend that binds a socket path itself)");
                }
                socket = socketFile;
                Files.deleteIfExists(socket);
                address = ListenAddress.unix(socket);
                argv.addAll(List.of(config.python().toString(), "-I", "-S", "-c", STDIN_HANDOFF, socket.toString(),
                        Integer.toString(config.listenBacklog())));
                argv.addAll(command.expand(null, 0));
            }
            case UNIX_PATH -> {
                socket = socketFile;
                Files.deleteIfExists(socket);
                address = ListenAddress.unix(socket);
                ownGroup = addSetsid(argv);
                argv.addAll(command.expand(socket.toString(), 0));
            }
            case TCP_PORT -> {
                int port = freePort();
                address = ListenAddress.tcp("127.0.0.1", port);
                ownGroup = addSetsid(argv);
                argv.addAll(command.expand(null, port));
            }
            default -> throw new IllegalStateException("unknown handoff " + handoff);
        }
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        if (command.directory() != null) builder.directory(command.directory().toFile());
        builder.environment().putAll(command.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start " + command.argv().get(0) + ": " + e.getMessage(), e);
        }
        BackendProcess p = new BackendProcess(name, slot, process, ownGroup, address, socket);
        String prefix = name + " (pid " + p.pid + ") ";
        p.pumps.add(OutputPump.start("gatehouse-" + name + "-stdout", process.getInputStream(), config.maxLogLineBytes(),
                line -> output.accept(prefix + "stdout: " + line)));
        p.pumps.add(OutputPump.start("gatehouse-" + name + "-stderr", process.getErrorStream(), config.maxLogLineBytes(),
                line -> output.accept(prefix + "stderr: " + line)));
        return p;
    }

    /**
     * The program file the command runs, found the way exec does it: a name with a '/' as it is
     * (relative to the working directory), else the first executable match on PATH (the
     * command's own PATH when it sets one).
     *
     * @throws IOException naming the program and where it was looked for
     */
    static Path findProgram(BackendCommand command) throws IOException {
        String program = command.argv().get(0);
        if (program.indexOf('/') >= 0) {
            Path path = Path.of(program);
            if (!path.isAbsolute() && command.directory() != null) path = command.directory().resolve(path);
            if (Files.isRegularFile(path) && Files.isExecutable(path)) return path;
            throw new IOException("cannot start " + program + ": no such executable file");
        }
        String searchPath = command.environment().getOrDefault("PATH", System.getenv("PATH"));
        if (searchPath != null) {
            for (String dir : searchPath.split(":")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate;
            }
        }
        throw new IOException("cannot start " + program + ": not found on PATH (" + searchPath + ")");
    }

    /** Puts setsid(1) in front when there is one (it execs in place: same pid, own session and group). */
    private static boolean addSetsid(List<String> argv) {
        for (Path setsid : SETSID) {
            if (Files.isExecutable(setsid)) {
                argv.add(setsid.toString());
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** True if the process is gone or going, asking the kernel rather than waiting for the reaper. */
    boolean exiting() {
        Boolean exiting = ProcessTree.exiting(pid);
        return exiting != null ? exiting : !process.isAlive();
    }

    /**
     * SIGTERM to the process itself: a backend with workers stops them (php-cgi, uWSGI and
     * Gatehouse do); what is left of its group gets SIGKILL when it exits ({@link #killLeftovers()}).
     */
    boolean terminate() {
        return process.isAlive() && process.toHandle().destroy();
    }

    /** After the process exited: SIGKILL to whatever is left in its group. */
    int killLeftovers() {
        return pgid > 0 ? ProcessTree.killGroup(pgid) : 0;
    }

    /** SIGKILL to the process, its group and its descendants; returns how many were signalled. */
    int kill() {
        return ProcessTree.kill(pid, pgid);
    }

    /** Waits (bounded) for the output pipes to end, so their descriptors are closed. */
    void awaitOutput(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        for (OutputPump pump : pumps) pump.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }

    /** Removes the socket file, if any (the process is gone). */
    void removeSocket() {
        if (socketFile == null) return;
        try {
            Files.deleteIfExists(socketFile);
        } catch (IOException e) {
            // the directory goes at shutdown anyway
        }
    }

    /** {@code "exit status 3"}, {@code "exit status 137 (killed by signal 9)"}. */
    static String describeExit(int status) {
        if (status > 128 && status < 128 + 65) return "exit status " + status + " (killed by signal " + (status - 128) + ")";
        return "exit status " + status;
    }

    @Override
    public String toString() {
        return name + " (pid " + pid + ")";
    }
}
