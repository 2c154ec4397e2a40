package dev.gatehouse.cgi.client;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts scripts through a long-lived helper process, the way Apache's mod_cgid hands them to
 * its cgid daemon: a small Python program ({@code cgi_spawner.py}, next to this class, whose
 * docstring has the wire format) that {@code posix_spawn}s each script in a new session. The JVM
 * never forks: the JDK's own launch execs a helper binary before the script and costs about
 * twice the CPU (docs/cgi-scripts.md has the numbers).
 *
 * <ul>
 *   <li>The helper listens on a Unix socket in a fresh directory only this user can enter. Per
 *       script the JVM connects, writes the spawn request and the start of the body in one write,
 *       and the connection becomes the script's stdin and stdout: an ordinary socket for virtual
 *       threads, no pipes, no reaper thread per script.</li>
 *   <li>The helper's standard output carries events (spawned, failed, stderr bytes, exited) to
 *       one reader thread here; its standard input takes signal commands for process groups.</li>
 *   <li>A helper that dies is started again for the next script; the scripts of the dead one are
 *       killed by pid and their requests fail. Closing the spawner closes the helper's input,
 *       and the helper kills every group it still knows and exits.</li>
 * </ul>
 */
final class CgiHelperSpawner implements CgiSpawner {
    private static final Logger log = LoggerFactory.getLogger(CgiHelperSpawner.class);
    static final String SCRIPT_RESOURCE = "cgi_spawner.py";
    private static final long START_TIMEOUT_SECONDS = 15;
    /** Fits in an AF_UNIX socket's default send buffer (208 KiB) with a large request head. */
    private static final int INLINE_INPUT = 64 * 1024;

    private final Path python;
    private final int maxStderrBytes;
    private final ReentrantLock startLock = new ReentrantLock();
    private final AtomicLong tokens = new AtomicLong();
    private volatile Helper helper;
    private volatile boolean closed;

    private CgiHelperSpawner(Path python, int maxStderrBytes) {
        this.python = python;
        this.maxStderrBytes = maxStderrBytes;
    }

    /** Starts the helper now, so a missing or broken interpreter shows at start-up. */
    static CgiHelperSpawner start(Path python, int maxStderrBytes) throws IOException {
        CgiHelperSpawner spawner = new CgiHelperSpawner(python, maxStderrBytes);
        spawner.helper = Helper.start(python, maxStderrBytes);
        return spawner;
    }

    @Override
    public int inlineInputLimit() {
        return INLINE_INPUT;
    }

    @Override
    public String name() {
        return "helper";
    }

    /** The helper's pid (for tests), or -1 when none runs. */
    long helperPid() {
        Helper h = helper;
        return h == null ? -1 : h.process.pid();
    }

    @Override
    public CgiProcess spawn(CgiSpawnRequest request) throws CgiScriptException {
        for (int attempt = 1; ; attempt++) {
            Helper h = running();
            long token = tokens.incrementAndGet();
            HelperProcess process = new HelperProcess(h, token, request.stderr());
            h.runs.put(token, process);
            try {
                process.open(encode(token, request), request.inputComplete());
                return process;
            } catch (IOException e) {
                h.runs.remove(token);
                process.close();
                if (attempt == 1 && !h.process.isAlive()) {
                    log.warn("the CGI spawner helper (pid {}) is gone; starting a new one", h.process.pid());
                    continue;
                }
                throw new CgiScriptException(502, "cannot reach the CGI spawner helper: " + e.getMessage(), e);
            }
        }
    }

    /** The running helper, started again if it died. */
    private Helper running() throws CgiScriptException {
        Helper h = helper;
        if (h != null && !h.dead && h.process.isAlive()) return h;
        startLock.lock();
        try {
            if (closed) throw new CgiScriptException(503, "the CGI runner is closed");
            h = helper;
            if (h != null && !h.dead && h.process.isAlive()) return h;
            if (h != null) h.stop();
            try {
                helper = h = Helper.start(python, maxStderrBytes);
            } catch (IOException e) {
                throw new CgiScriptException(503, "cannot start the CGI spawner helper: " + e.getMessage(), e);
            }
            return h;
        } finally {
            startLock.unlock();
        }
    }

    /**
     * The spawn request as the helper reads it, and the inline input after it, in one array: the
     * length (4 bytes, big-endian), then NUL-separated token, executable, directory and
     * NAME=VALUE entries (the environ's strings are bytes as ISO-8859-1 characters).
     */
    static byte[] encode(long token, CgiSpawnRequest request) {
        byte[] id = Long.toString(token).getBytes(StandardCharsets.US_ASCII);
        byte[] executable = request.executable().toString().getBytes(StandardCharsets.UTF_8);
        byte[] directory = request.directory().toString().getBytes(StandardCharsets.UTF_8);
        int length = id.length + 1 + executable.length + 1 + directory.length;
        for (Map.Entry<String, String> e : request.environment().entrySet()) length += 2 + e.getKey().length() + e.getValue().length();
        byte[] input = request.input();
        byte[] out = new byte[4 + length + input.length];
        ByteBuffer.wrap(out).putInt(length);
        int at = 4;
        at = put(out, at, id);
        out[at++] = 0;
        at = put(out, at, executable);
        out[at++] = 0;
        at = put(out, at, directory);
        for (Map.Entry<String, String> e : request.environment().entrySet()) {
            out[at++] = 0;
            at = latin1(out, at, e.getKey());
            out[at++] = '=';
            at = latin1(out, at, e.getValue());
        }
        System.arraycopy(input, 0, out, at, input.length);
        return out;
    }

    private static int put(byte[] out, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }

    private static int latin1(byte[] out, int at, String s) {
        for (int i = 0; i < s.length(); i++) out[at + i] = (byte) s.charAt(i); // one char, one byte of the request
        return at + s.length();
    }

    @Override
    public void close() {
        startLock.lock();
        try {
            closed = true;
            Helper h = helper;
            helper = null;
            if (h != null) h.stop();
        } finally {
            startLock.unlock();
        }
    }

    /** One running helper process: its socket, its control pipe, its event reader and its scripts. */
    private static final class Helper {
        final Process process;
        final Path directory;
        final UnixDomainSocketAddress address;
        final OutputStream control;
        final ReentrantLock controlLock = new ReentrantLock();
        final Map<Long, HelperProcess> runs = new ConcurrentHashMap<>();
        final CountDownLatch ready = new CountDownLatch(1);
        volatile boolean dead;

        private Helper(Process process, Path directory, Path socket) {
            this.process = process;
            this.directory = directory;
            this.address = UnixDomainSocketAddress.of(socket);
            this.control = process.getOutputStream();
        }

        static Helper start(Path python, int maxStderrBytes) throws IOException {
            if (!Files.isExecutable(python)) throw new IOException(python + " is not an executable file");
            Path directory = Files.createTempDirectory("gatehouse-cgi-"); // rwx------: only this user may connect
            Path script = directory.resolve(SCRIPT_RESOURCE);
            try (InputStream in = CgiHelperSpawner.class.getResourceAsStream(SCRIPT_RESOURCE)) {
                if (in == null) throw new IOException(SCRIPT_RESOURCE + " is missing from the class path");
                Files.copy(in, script);
            }
            Path socket = directory.resolve("spawn.sock");
            ProcessBuilder builder = new ProcessBuilder(python.toString(), "-I", "-S", "-B", script.toString(), socket.toString(),
                    Integer.toString(maxStderrBytes)).directory(directory.toFile());
            builder.environment().clear();
            builder.environment().put("PATH", CgiClientConfig.DEFAULT_PATH);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                deleteTree(directory);
                throw e;
            }
            Helper h = new Helper(process, directory, socket);
            Thread.ofPlatform().daemon().name("gatehouse-cgi-spawner-events-" + process.pid()).start(h::readEvents);
            Thread.ofPlatform().daemon().name("gatehouse-cgi-spawner-stderr-" + process.pid()).start(h::readOwnStderr);
            boolean started;
            try {
                started = h.ready.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) && !h.dead;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                started = false;
            }
            if (!started) {
                h.stop();
                throw new IOException("the CGI spawner helper (" + python + ") did not start within " + START_TIMEOUT_SECONDS + " s");
            }
            log.debug("CGI spawner helper started: pid {}, socket {}", process.pid(), socket);
            return h;
        }

        /** Sends a command line ({@code T PGID} or {@code K PGID}); a dead helper is ignored. */
        void command(char kind, long pgid) {
            controlLock.lock();
            try {
                control.write((kind + " " + pgid + "\n").getBytes(StandardCharsets.US_ASCII));
                control.flush();
            } catch (IOException e) {
                log.debug("CGI spawner helper did not take '{} {}': {}", kind, pgid, e.getMessage());
            } finally {
                controlLock.unlock();
            }
        }

        /** The event loop: one frame at a time, until the helper's output ends. */
        private void readEvents() {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 64 * 1024))) {
                while (true) {
                    int type;
                    try {
                        type = in.readUnsignedByte();
                    } catch (EOFException end) {
                        break;
                    }
                    long token = in.readLong();
                    int length = in.readInt();
                    byte[] payload = in.readNBytes(length);
                    if (payload.length < length) break;
                    dispatch((char) type, token, payload);
                }
            } catch (IOException | RuntimeException e) {
                log.error("reading the CGI spawner helper's events failed", e);
            }
            died();
        }

        private void dispatch(char type, long token, byte[] payload) {
            if (type == 'R') {
                ready.countDown();
                return;
            }
            HelperProcess run = runs.get(token);
            if (run == null) return; // a late event of a run given up already
            String text = type == 'E' ? null : new String(payload, StandardCharsets.UTF_8);
            switch (type) {
                case 'S' -> run.started(Long.parseLong(text));
                case 'F' -> {
                    runs.remove(token);
                    run.failed(text);
                }
                case 'E' -> run.stderr.write(payload, 0, payload.length);
                case 'e' -> {
                    run.stderr.droppedBeforeLog(Long.parseLong(text));
                    run.stderr.finish();
                    if (run.stderrEnded()) runs.remove(token);
                }
                case 'X' -> {
                    if (run.exited(text.substring(text.indexOf(' ') + 1))) runs.remove(token);
                }
                default -> log.warn("unknown event '{}' from the CGI spawner helper", type);
            }
        }

        /** The helper's output ended: fail and kill whatever it was running. */
        private void died() {
            boolean expected = dead;
            dead = true;
            ready.countDown();
            List<HelperProcess> orphans = new ArrayList<>(runs.values());
            runs.clear();
            if (!expected && !orphans.isEmpty()) {
                log.error("the CGI spawner helper (pid {}) died with {} scripts running; killing them", process.pid(), orphans.size());
            }
            for (HelperProcess run : orphans) run.orphaned();
        }

        /** The helper's own error output (a Python traceback, should it ever crash), logged. */
        private void readOwnStderr() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) log.error("CGI spawner helper: {}", line);
            } catch (IOException e) {
                log.debug("CGI spawner helper stderr: {}", e.getMessage());
            }
        }

        /** Closes the helper's input (it kills its scripts' groups and exits), waits for it, removes its directory. */
        void stop() {
            dead = true;
            controlLock.lock();
            try {
                control.close();
            } catch (IOException e) {
                log.debug("closing the CGI spawner helper's input: {}", e.getMessage());
            } finally {
                controlLock.unlock();
            }
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            deleteTree(directory);
        }

        private static void deleteTree(Path dir) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            } catch (IOException e) {
                log.debug("could not remove {}: {}", dir, e.getMessage());
            }
        }
    }

    /** A script started through the helper: its connection, and what the helper reports of it. */
    private static final class HelperProcess implements CgiProcess {
        private final Helper helper;
        private final long token;
        final CgiStderrLog stderr;
        private final CompletableFuture<String> exit = new CompletableFuture<>();
        private SocketChannel channel;
        private long pid;
        /** 0 none, 1 SIGTERM, 2 SIGKILL: asked for before the pid was known. */
        private int pendingSignal;
        private boolean exited;
        private boolean stderrEnded;

        HelperProcess(Helper helper, long token, CgiStderrLog stderr) {
            this.helper = helper;
            this.token = token;
            this.stderr = stderr;
        }

        /** Connects and sends the request (with the inline input) in one write. */
        void open(byte[] request, boolean inputComplete) throws IOException {
            SocketChannel ch = SocketChannel.open(helper.address);
            synchronized (this) {
                channel = ch;
            }
            ByteBuffer buf = ByteBuffer.wrap(request);
            while (buf.hasRemaining()) ch.write(buf);
            if (inputComplete) ch.shutdownOutput();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) channel().write(buf);
        }

        @Override
        public void closeInput() {
            try {
                channel().shutdownOutput();
            } catch (IOException e) {
                // the script is gone or closed its input: nothing left to end
            }
        }

        /**
         * A script that exits with request body bytes unread in its end of the socket makes the
         * kernel reset the connection; the reset comes after everything it wrote, so it ends the output.
         */
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return channel().read(ByteBuffer.wrap(b, off, len));
            } catch (SocketException e) {
                if (e.getMessage() == null || !e.getMessage().contains("reset")) throw e;
                return -1;
            }
        }

        private synchronized SocketChannel channel() throws IOException {
            if (channel == null) throw new IOException("not connected");
            return channel;
        }

        @Override
        public void close() {
            SocketChannel ch;
            synchronized (this) {
                ch = channel;
            }
            if (ch == null) return;
            try {
                ch.close();
            } catch (IOException e) {
                log.debug("closing a CGI script's connection: {}", e.getMessage());
            }
        }

        @Override
        public void signal(boolean kill) {
            long target;
            synchronized (this) {
                if (exited && pid == 0) return;
                if (pid == 0) {
                    pendingSignal = Math.max(pendingSignal, kill ? 2 : 1);
                    return;
                }
                target = pid;
            }
            helper.command(kill ? 'K' : 'T', target);
        }

        @Override
        public CompletableFuture<String> exit() {
            return exit;
        }

        void started(long pid) {
            int pending;
            synchronized (this) {
                this.pid = pid;
                pending = pendingSignal;
            }
            if (pending > 0) helper.command(pending == 2 ? 'K' : 'T', pid);
        }

        void failed(String reason) {
            synchronized (this) {
                exited = true;
            }
            stderr.finish();
            int space = reason.indexOf(' ');
            int errno = space > 0 ? parseErrno(reason.substring(0, space)) : 0;
            // EAGAIN, ENOMEM: the system is out of processes or memory for now
            int status = errno == 11 || errno == 12 ? 503 : 502;
            exit.completeExceptionally(new CgiScriptException(status, "could not be started: " + (space > 0 ? reason.substring(space + 1) : reason)));
        }

        private static int parseErrno(String s) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        /** @return true if the helper reports nothing more for this script */
        synchronized boolean exited(String how) {
            exited = true;
            exit.complete(how);
            return stderrEnded;
        }

        /** @return true if the helper reports nothing more for this script */
        synchronized boolean stderrEnded() {
            stderrEnded = true;
            return exited;
        }

        /** The helper died: kill the script by pid (its group is out of reach), and end the run. */
        void orphaned() {
            long target;
            synchronized (this) {
                target = pid;
            }
            if (target > 0) {
                ProcessHandle.of(target).ifPresent(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                });
            }
            close();
            stderr.finish();
            exit.completeExceptionally(new CgiScriptException(502, "the CGI spawner helper died while the script ran"));
        }
    }
}
