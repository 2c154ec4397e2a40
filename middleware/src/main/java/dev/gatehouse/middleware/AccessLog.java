package dev.gatehouse.middleware;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.FileBody;
import dev.gatehouse.api.Middleware;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per request: nginx's {@code access_log} with {@code log_format}, Apache's
 * {@code CustomLog}. The default is Apache's Combined Log Format
 * ({@code %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"}):
 * <pre>127.0.0.1 - - [10/Oct/2000:13:55:36 +0200] "GET /a.gif HTTP/1.1" 200 2326 "http://x/" "curl/8.5"</pre>
 * {@link AccessLogFormat#json()} writes JSON lines instead, and {@link AccessLogFormat#pattern}
 * any line made of nginx-style variables ({@code $remote_addr $request $status $request_time}).
 * The line is written when the server closes the response body, with the final status and the
 * body bytes the app produced (through its body and the {@code write} callable; none for HEAD
 * and bodyless statuses, never more than its Content-Length). An app that fails before any body
 * byte is logged with the 500 the server answers. The time is when the request arrived, in the
 * clock's zone. The client address and user are read when the line is written, so a log
 * outside {@link TrustedProxies} and {@link BasicAuth} still logs what they found. Fields are
 * escaped as Apache escapes them, so a request cannot forge a line.
 *
 * <p>Lines are written whole and flushed one at a time under a lock, so concurrent requests
 * never interleave and {@code tail -f} sees each line at once. A failing log output is
 * reported once and never fails a request.
 */
public final class AccessLog implements Middleware, Closeable {
    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

    private final Writer out;
    private final boolean ownsOutput;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final AccessLogFormat format;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean failureReported;

    AccessLog(Writer out, boolean ownsOutput, Clock clock) {
        this(out, ownsOutput, clock, System::nanoTime, AccessLogFormat.combined());
    }

    AccessLog(Writer out, boolean ownsOutput, Clock clock, LongSupplier nanoTime, AccessLogFormat format) {
        this.out = out;
        this.ownsOutput = ownsOutput;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.format = format;
    }

    /** Logs to standard output. */
    public static AccessLog toStdout() {
        return to(System.out);
    }

    /** Logs to standard output in {@code format}. */
    public static AccessLog toStdout(AccessLogFormat format) {
        return to(System.out, format);
    }

    /** Logs to {@code stream} in {@code format}; {@link #close()} leaves the stream open. */
    public static AccessLog to(OutputStream stream, AccessLogFormat format) {
        return to(new OutputStreamWriter(stream, StandardCharsets.UTF_8), format);
    }

    /** Logs to {@code writer} in {@code format}; {@link #close()} leaves the writer open. */
    public static AccessLog to(Writer writer, AccessLogFormat format) {
        return new AccessLog(writer, false, Clock.systemDefaultZone(), System::nanoTime, format);
    }

    /** Appends to {@code file} in {@code format}, creating it if needed; {@link #close()} closes it. */
    public static AccessLog toFile(Path file, AccessLogFormat format) throws IOException {
        Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return new AccessLog(writer, true, Clock.systemDefaultZone(), System::nanoTime, format);
    }

    public AccessLogFormat format() {
        return format;
    }

    /** Logs to {@code stream}, which {@link #close()} leaves open. */
    public static AccessLog to(OutputStream stream) {
        return to(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
    }

    /** Logs to {@code writer}, which {@link #close()} leaves open. */
    public static AccessLog to(Writer writer) {
        return new AccessLog(writer, false, Clock.systemDefaultZone());
    }

    /** Appends to {@code file}, creating it if needed; {@link #close()} closes it. */
    public static AccessLog toFile(Path file) throws IOException {
        Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return new AccessLog(writer, true, Clock.systemDefaultZone());
    }

    @Override
    public Application wrap(Application next) {
        return (environ, startResponse) -> {
            AccessLogEntry entry = new AccessLogEntry(environ, ZonedDateTime.now(clock), nanoTime.getAsLong());
            LoggedRequest request = new LoggedRequest(startResponse, entry, "HEAD".equals(environ.requestMethod()),
                    this::write, nanoTime);
            Body body;
            try {
                body = next.call(environ, request);
            } catch (Exception | Error e) {
                request.failed();
                request.finish();
                throw e;
            }
            if (body == null) { // the server rejects it with a 500
                request.failed();
                request.finish();
                return null;
            }
            if (body instanceof FileBody file) return countedFileBody(file, request);
            return new LoggingBody(body, request);
        };
    }

    /** Keeps a file body a {@link FileBody}, so the server still sends it zero-copy. */
    private static Body countedFileBody(FileBody file, LoggedRequest request) {
        Runnable onClose = () -> {
            request.count(file.length());
            request.finish();
        };
        return new FileBody(new CloseNotifyingFileChannel(file.channel(), onClose), file.start(), file.length());
    }

    private void write(AccessLogEntry entry) {
        String line;
        try {
            line = format.format(entry);
        } catch (RuntimeException e) {
            log.warn("cannot format an access log line with {}: {}", format, e.toString());
            return;
        }
        writeLine(line);
    }

    private void writeLine(String line) {
        lock.lock();
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            if (!failureReported) {
                failureReported = true;
                log.warn("cannot write the access log ({}); further failures are not reported", e.toString());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Flushes the log, and closes it if this log opened it. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (ownsOutput) out.close();
            else out.flush();
        } finally {
            lock.unlock();
        }
    }
}
