package dev.gatehouse.cgi.client;

import dev.gatehouse.api.Body;
import dev.gatehouse.core.ClientGoneException;
import dev.gatehouse.core.cgi.CgiResponse;
import dev.gatehouse.core.cgi.CgiResponseException;
import dev.gatehouse.core.cgi.CgiResponseParser;
import dev.gatehouse.core.net.Deadline;
import dev.gatehouse.core.net.Watchdog;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One script run for one request: the rest of the request body to the script's standard input
 * as it arrives, its standard output up to the end of the CGI head, then, as the response
 * {@link Body}, whatever it writes next, as it comes.
 *
 * <p>The body goes in on a virtual thread of its own while the head is read, so a script that
 * answers before it has read everything does not deadlock against us. The response may not start
 * before the body is in, though: an inbound connection is read and written by one thread at a
 * time (its input flushes its output, and both share one deadline). Output the script writes
 * before it has read its whole body is therefore held in memory, up to
 * {@code maxEarlyOutputBytes} (502 past it); Apache's mod_cgi, which writes the whole body before
 * it reads anything, would wait for the timeout there instead.
 *
 * <p>Its life is bounded by one deadline, armed at the start for the configured run time:
 * <ul>
 *   <li>when it passes, the script's process group gets SIGTERM and this side of its stdio is
 *       closed (a read in progress returns): before the head that is a 504, after it the
 *       response is cut off; {@code killGrace} later the group gets SIGKILL;</li>
 *   <li>a response closed before the script's output ended (the client left, a HEAD request, an
 *       error) terminates the group the same way;</li>
 *   <li>a script that ended its output normally is left to exit, within the same run time.</li>
 * </ul>
 * The run is over, its slot released ({@code onFinish}) exactly once, when both the response was
 * closed and the script was reaped.
 */
final class CgiClientExchange implements Body {
    private static final Logger log = LoggerFactory.getLogger(CgiClientExchange.class);
    static final int CHUNK = 32 * 1024;
    private static final byte[] STATUS_LINE_START = {'H', 'T', 'T', 'P', '/'};
    /** How long a failed start waits for the spawner's report of why, before calling it a death. */
    private static final long EXIT_REPORT_MILLIS = 1000;

    private final CgiProcess process;
    private final CgiScript script;
    private final CgiClientConfig config;
    private final Watchdog watchdog;
    private final Deadline deadline;
    private final Runnable onFinish;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final byte[] buffer = new byte[CHUNK];
    private volatile boolean timedOut;
    private volatile boolean terminating;
    private volatile boolean exited;
    private volatile boolean closed;
    private volatile IOException inputFailure;
    private boolean outputEnded;
    /** Output read but not yet handed out: what followed the head, and early output. */
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private Thread pump;

    CgiClientExchange(CgiProcess process, CgiScript script, CgiClientConfig config, Watchdog watchdog, Runnable onFinish) {
        this.process = process;
        this.script = script;
        this.config = config;
        this.watchdog = watchdog;
        this.onFinish = onFinish;
        this.deadline = watchdog.register(this::expired);
        deadline.arm(config.timeout(), "script run time");
        process.exit().whenComplete((how, failure) -> {
            exited = true;
            maybeFinish();
        });
    }

    /** Copies {@code length} more bytes of the request body from {@code in} to the script, on a thread of its own. */
    void pumpInput(InputStream in, long length) {
        pump = Thread.ofVirtual().name("gatehouse-cgi-stdin").start(() -> pump(in, length));
    }

    private void pump(InputStream in, long length) {
        byte[] chunk = new byte[CHUNK];
        long left = length;
        try {
            while (left > 0) {
                int n = in.read(chunk, 0, (int) Math.min(chunk.length, left)); // whatever has arrived
                if (n < 0) throw new ClientGoneException("the request body ended after " + (length - left) + " of " + length + " bytes");
                if (n == 0) continue;
                left -= n;
                try {
                    process.write(chunk, 0, n);
                } catch (IOException e) {
                    log.debug("CGI script {} stopped reading its input after {} of {} bytes: {}", script.file(), length - left, length, e.getMessage());
                    return;
                }
            }
            process.closeInput();
        } catch (IOException e) { // the client's side failed: the request is over
            inputFailure = e;
            terminate();
        }
    }

    /**
     * Reads up to the end of the CGI response head, then, while the request body is still going
     * in, the output that follows (bounded). An {@code nph-} script's head must begin with an
     * HTTP status line. On any failure the run is terminated.
     *
     * @throws CgiScriptException 502 malformed or missing head, or too much early output (or 503
     *     if the script could not be started for lack of resources), 504 past the run time
     * @throws IOException the client's request body failed (it left, it was too slow)
     */
    CgiResponse readHead() throws CgiScriptException, IOException {
        CgiResponseParser parser = new CgiResponseParser(config.maxHeadBytes(), config.maxHeadFields());
        int headBytes = 0;
        try {
            while (!parser.isComplete()) {
                int n = readOutput();
                if (n < 0) throw headMissing();
                if (script.nph() && headBytes < STATUS_LINE_START.length) checkStatusLine(headBytes, n);
                int used = parser.feed(buffer, 0, n);
                headBytes += used;
                if (used < n) pending.add(Arrays.copyOfRange(buffer, used, n));
            }
            awaitInput();
        } catch (CgiResponseException e) {
            close();
            throw new CgiScriptException(502, "malformed response head: " + e.getMessage(), e);
        } catch (CgiScriptException | IOException | RuntimeException e) {
            close();
            throw e;
        }
        return parser.response();
    }

    /** Holds the output that comes until the body is in (or the output ends), then waits for the input thread. */
    private void awaitInput() throws CgiScriptException, IOException {
        Thread t = pump;
        if (t == null) return;
        long held = pending.isEmpty() ? 0 : pending.peek().length;
        while (t.isAlive() && !outputEnded) {
            int n = readOutput();
            if (n < 0) {
                outputEnded = true;
                break;
            }
            held += n;
            if (held > config.maxEarlyOutputBytes()) {
                throw new CgiScriptException(502, "wrote more than " + config.maxEarlyOutputBytes()
                        + " bytes of output before it had read its request body");
            }
            pending.add(Arrays.copyOf(buffer, n));
        }
        joinPump();
        if (inputFailure != null) throw inputFailure;
    }

    /** RFC 3875 section 5: an NPH script writes the whole HTTP response, status line first. */
    private void checkStatusLine(int offset, int n) throws CgiResponseException {
        for (int i = 0; i < n && offset + i < STATUS_LINE_START.length; i++) {
            if (buffer[i] != STATUS_LINE_START[offset + i]) {
                throw new CgiResponseException("the nph- script's response does not begin with an HTTP status line");
            }
        }
    }

    @Override
    public byte[] next() throws IOException {
        if (!pending.isEmpty()) return pending.poll();
        if (outputEnded) return null;
        int n;
        try {
            n = readOutput();
        } catch (CgiScriptException e) {
            throw new IOException("CGI script " + script.file() + " " + e.getMessage(), e);
        }
        if (n < 0) {
            outputEnded = true;
            return null;
        }
        return Arrays.copyOf(buffer, n);
    }

    /** The next piece of the script's output, or -1 at its end; failures of ours are told apart from the script's end. */
    private int readOutput() throws CgiScriptException, IOException {
        int n;
        try {
            n = process.read(buffer, 0, buffer.length);
        } catch (IOException e) {
            if (inputFailure != null) throw inputFailure;
            if (timedOut) throw timeout();
            if (closed) throw new ClientGoneException("the response was closed while the CGI script ran", e);
            throw new CgiScriptException(502, "reading the script's output failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
        if (n < 0) {
            if (inputFailure != null) throw inputFailure;
            if (timedOut) throw timeout();
        }
        return n;
    }

    private CgiScriptException timeout() {
        return new CgiScriptException(504, "ran past its timeout of " + config.timeout().toMillis() + " ms; its process group was terminated");
    }

    /** The script's output ended before its head did: it could not be started, or it died, or it wrote no head. */
    private CgiScriptException headMissing() {
        String how;
        try {
            how = process.exit().get(EXIT_REPORT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof CgiScriptException failure) return failure;
            how = "its end is unknown: " + e.getCause();
        } catch (TimeoutException e) {
            how = "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            how = "interrupted";
        }
        return new CgiScriptException(502, "ended its output without a complete response head (" + how + ")");
    }

    /**
     * Ends the response. If the script's output has not ended, its process group is terminated.
     * Waits for the input thread, so the request body is never read by two threads.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (!outputEnded) terminate();
        process.close();
        joinPump();
        maybeFinish();
    }

    /** The run's deadline passed: first the run time (SIGTERM), then the kill grace (SIGKILL). */
    private void expired(String what) {
        if (terminating) {
            log.debug("CGI script {} outlived its kill grace; SIGKILL to its process group", script.file());
            process.signal(true);
            return;
        }
        timedOut = true;
        log.debug("CGI script {} ran past its {}; SIGTERM to its process group", script.file(), what);
        terminate();
    }

    /** SIGTERM to the group, this side of the stdio closed, SIGKILL after the grace. */
    private void terminate() {
        if (terminating) return;
        terminating = true;
        process.signal(false);
        process.close();
        if (!finished.get()) deadline.arm(config.killGrace(), "kill grace");
    }

    private void joinPump() {
        Thread t = pump;
        if (t == null) return;
        try {
            t.join(); // bounded: a blocked body read ends with the server's body read timeout
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void maybeFinish() {
        if (!exited || !closed || !finished.compareAndSet(false, true)) return;
        deadline.disarm();
        watchdog.unregister(deadline);
        process.close();
        onFinish.run();
    }
}
