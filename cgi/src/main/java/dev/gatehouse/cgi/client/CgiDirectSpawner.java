package dev.gatehouse.cgi.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts scripts with the JDK's {@link ProcessBuilder}: the fallback when no helper can run. Java
 * cannot start a process in a new session, so {@code setsid(1)} (util-linux) goes in front of the
 * script when it is installed (an extra exec, about 0.7 ms of CPU per script); without it, a
 * script's children are found through {@link ProcessHandle#descendants()} instead of its group,
 * which misses a child that was orphaned. Signals to a group go through {@code kill(1)}.
 *
 * <p>The JDK encodes the environment with the platform charset (UTF-8), so a variable whose bytes
 * are not UTF-8 reaches the script with replacement characters; the helper passes bytes as they are.
 */
final class CgiDirectSpawner implements CgiSpawner {
    private static final Logger log = LoggerFactory.getLogger(CgiDirectSpawner.class);
    static final Path SETSID = Path.of("/usr/bin/setsid");
    static final Path KILL = Path.of("/bin/kill");
    /** A pipe holds at least one page, whatever the per-user pipe limits. */
    private static final int INLINE_INPUT = 4096;

    private final Path setsid;
    private final Path kill;

    CgiDirectSpawner() {
        this.setsid = Files.isExecutable(SETSID) ? SETSID : null;
        this.kill = Files.isExecutable(KILL) ? KILL : null;
        if (setsid == null) log.warn("{} is not installed: CGI scripts run in the server's process group, and children they orphan are not killed with them", SETSID);
    }

    @Override
    public int inlineInputLimit() {
        return INLINE_INPUT;
    }

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public CgiProcess spawn(CgiSpawnRequest request) throws CgiScriptException {
        List<String> command = new ArrayList<>(2);
        if (setsid != null) command.add(setsid.toString());
        command.add(request.executable().toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(request.directory().toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        for (Map.Entry<String, String> e : request.environment().entrySet()) env.put(e.getKey(), platform(e.getValue()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            // "error=11, Resource temporarily unavailable": out of processes for now
            int status = message.contains("error=11,") || message.contains("error=12,") ? 503 : 502;
            throw new CgiScriptException(status, "could not be started: " + message, e);
        }
        DirectProcess running = new DirectProcess(process, setsid != null, kill);
        Thread.ofVirtual().name("gatehouse-cgi-stderr-" + process.pid()).start(() -> running.copyStderr(request.stderr()));
        try {
            if (request.input().length > 0) running.write(request.input(), 0, request.input().length);
            if (request.inputComplete()) running.closeInput();
        } catch (IOException e) {
            log.debug("CGI script {} did not take its input: {}", request.executable(), e.getMessage());
        }
        return running;
    }

    /** An environ string (bytes as ISO-8859-1) as the string whose UTF-8 encoding is those bytes. */
    private static String platform(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) return new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
        return value;
    }

    @Override
    public void close() {
        // Nothing of its own runs; each script is killed by its exchange.
    }

    private static final class DirectProcess implements CgiProcess {
        private final Process process;
        private final boolean ownGroup;
        private final Path kill;
        private final OutputStream stdin;
        private final InputStream stdout;
        private final CompletableFuture<String> exit;

        DirectProcess(Process process, boolean ownGroup, Path kill) {
            this.process = process;
            this.ownGroup = ownGroup;
            this.kill = kill;
            this.stdin = process.getOutputStream();
            this.stdout = process.getInputStream();
            // The JDK reports death by a signal as exit status 128 + the signal.
            this.exit = process.onExit().thenApply(p -> "exit " + p.exitValue());
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            stdin.write(b, off, len);
            stdin.flush();
        }

        @Override
        public void closeInput() {
            try {
                stdin.close();
            } catch (IOException e) {
                // the script closed it or is gone
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return stdout.read(b, off, len);
        }

        @Override
        public void close() {
            closeInput();
            try {
                stdout.close();
            } catch (IOException e) {
                log.debug("closing a CGI script's output: {}", e.getMessage());
            }
        }

        @Override
        public void signal(boolean hard) {
            if (!process.isAlive() && !ownGroup) return;
            if (ownGroup && kill != null) {
                // kill(1) is itself a process: start it off the caller's thread (a watchdog, a request).
                Thread.ofVirtual().name("gatehouse-cgi-kill").start(() -> killGroup(hard));
                return;
            }
            process.descendants().forEach(hard ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
            if (hard) process.destroyForcibly();
            else process.destroy();
        }

        private void killGroup(boolean hard) {
            try {
                Process k = new ProcessBuilder(kill.toString(), "-s", hard ? "KILL" : "TERM", "--", "-" + process.pid())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                k.waitFor();
            } catch (IOException e) {
                log.warn("could not signal the process group of CGI script pid {}: {}", process.pid(), e.getMessage());
                if (hard) process.destroyForcibly();
                else process.destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public CompletableFuture<String> exit() {
            return exit;
        }

        void copyStderr(CgiStderrLog log) {
            byte[] buf = new byte[8192];
            try (InputStream err = process.getErrorStream()) {
                int n;
                while ((n = err.read(buf)) >= 0) log.write(buf, 0, n);
            } catch (IOException e) {
                // the stream was closed: whatever came was logged
            }
            log.finish();
        }
    }
}
