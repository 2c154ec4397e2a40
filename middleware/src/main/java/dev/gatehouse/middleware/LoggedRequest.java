package dev.gatehouse.middleware;

import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import dev.gatehouse.api.Write;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One request passing through {@link AccessLog}: the {@code start_response} handed to the app
 * (recording the final status and declared length) and the count of body bytes the app
 * produced, through its body or the {@code write} callable. {@link #finish()} writes the line,
 * once, when the body is closed.
 */
final class LoggedRequest implements StartResponse {
    private final StartResponse server;
    private final AccessLogEntry entry;
    private final boolean headRequest;
    private final Consumer<AccessLogEntry> sink;
    private final LongSupplier nanoTime;
    private Status status;
    private List<Header> headers = List.of();
    private long declaredLength = -1;
    private long bytes;
    private boolean failed;
    private boolean finished;

    LoggedRequest(StartResponse server, AccessLogEntry entry, boolean headRequest, Consumer<AccessLogEntry> sink,
                  LongSupplier nanoTime) {
        this.server = server;
        this.entry = entry;
        this.headRequest = headRequest;
        this.sink = sink;
        this.nanoTime = nanoTime;
    }

    @Override
    public Write start(Status newStatus, List<Header> headers, Throwable excInfo) {
        Write write = server.start(newStatus, headers, excInfo);
        status = newStatus;
        this.headers = headers;
        declaredLength = declaredLength(headers);
        return (b, offset, length) -> {
            write.write(b, offset, length);
            bytes += length;
        };
    }

    private static long declaredLength(List<Header> headers) {
        String value = Header.find(headers, "Content-Length");
        if (value == null || value.isEmpty() || value.length() > 18) return -1; // the server rejects a bad one
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    void count(long n) {
        bytes += n;
    }

    /** The app failed; unless body bytes already went out, the server answers 500. */
    void failed() {
        failed = true;
    }

    void finish() {
        if (finished) return;
        finished = true;
        entry.finish(finalStatus(), bytesSent(), answeredWithError() ? List.of() : headers, nanoTime.getAsLong());
        sink.accept(entry);
    }

    /** The server answers 500 for an app that never started a response, or failed before its first byte. */
    private boolean answeredWithError() {
        return status == null || (failed && bytes == 0);
    }

    private int finalStatus() {
        return answeredWithError() ? Status.INTERNAL_SERVER_ERROR.code() : status.code();
    }

    /** What the server lets through: no body for HEAD or bodyless statuses, never past Content-Length. */
    private long bytesSent() {
        if (answeredWithError() || headRequest || status.forbidsBody()) return 0;
        return declaredLength >= 0 ? Math.min(bytes, declaredLength) : bytes;
    }
}
