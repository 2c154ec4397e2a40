package dev.gatehouse.fastcgi.client;

import dev.gatehouse.api.Body;
import dev.gatehouse.core.cgi.CgiResponse;
import dev.gatehouse.core.cgi.CgiResponseException;
import dev.gatehouse.core.cgi.CgiResponseParser;
import dev.gatehouse.fastcgi.codec.FcgiParams;
import dev.gatehouse.fastcgi.codec.FcgiProtocolStatus;
import dev.gatehouse.fastcgi.codec.FcgiRecord;
import dev.gatehouse.fastcgi.codec.FcgiRecordEncoder;
import dev.gatehouse.fastcgi.codec.FcgiRecordType;
import dev.gatehouse.fastcgi.codec.FcgiRole;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request to a backend on one leased connection: sends BEGIN_REQUEST (with FCGI_KEEP_CONN),
 * PARAMS and the body as STDIN while it arrives; reads STDOUT up to the end of the CGI head; then,
 * as the response {@link Body}, hands out STDOUT as it arrives. STDERR goes to the log all along.
 *
 * <p>The connection goes back to the pool exactly once: reusable after a clean END_REQUEST,
 * closed after any error. A body closed before END_REQUEST (the client went away) sends
 * FCGI_ABORT_REQUEST, and a background thread waits for the END_REQUEST that makes the connection
 * reusable again, closing it if none comes in time.
 */
final class FcgiClientExchange implements Body {
    private static final Logger log = LoggerFactory.getLogger(FcgiClientExchange.class);
    /** One request per connection at a time, so one id is enough. */
    static final int REQUEST_ID = 1;
    private static final int STDIN_CHUNK = 32 * 1024;

    private final FcgiConnectionPool pool;
    private final FcgiBackendConnection connection;
    private final FcgiClientConfig config;
    private final String request;
    private final FcgiStderrLog stderr;
    private final boolean keptConnection;
    private boolean receivedAnything;
    private boolean readClientBody;
    private CgiResponse head;
    private byte[] bodyStart;
    private boolean ended;
    private boolean released;

    FcgiClientExchange(FcgiConnectionPool pool, FcgiBackendConnection connection, FcgiClientConfig config, String request) {
        this.pool = pool;
        this.connection = connection;
        this.config = config;
        this.request = request;
        this.stderr = new FcgiStderrLog(request, config.maxStderrBytes());
        this.keptConnection = connection.beginRequest();
    }

    /** Sends the whole request, the body streamed from {@code body} as it arrives. */
    void send(Map<String, String> params, InputStream body) throws IOException {
        try {
            byte[] encoded = FcgiParams.encode(params);
            // Without a body the whole request goes in one write: a backend woken by a first
            // write that holds only PARAMS would just go back to sleep waiting for STDIN.
            boolean bodyless = hasNoBody(params);
            connection.send(config.sendTimeout(), out -> {
                FcgiRecordEncoder.beginRequest(out, REQUEST_ID, FcgiRole.RESPONDER, true);
                FcgiRecordEncoder.write(out, FcgiRecordType.PARAMS, REQUEST_ID, encoded, 0, encoded.length);
                FcgiRecordEncoder.endStream(out, FcgiRecordType.PARAMS, REQUEST_ID);
                if (bodyless) FcgiRecordEncoder.endStream(out, FcgiRecordType.STDIN, REQUEST_ID);
            });
            if (!bodyless) sendStdin(body);
        } catch (IOException | RuntimeException e) {
            giveBack(false);
            throw e;
        }
    }

    /** The request's body length is known to be zero (chunked bodies arrive here with a length). */
    private static boolean hasNoBody(Map<String, String> params) {
        String length = params.get("CONTENT_LENGTH");
        return length == null || length.isEmpty() || length.equals("0");
    }

    private void sendStdin(InputStream body) throws IOException {
        byte[] buf = new byte[STDIN_CHUNK];
        while (true) {
            int n = body.read(buf); // whatever has arrived: the backend sees the body as the client sends it
            if (n < 0) break;
            if (n == 0) continue;
            readClientBody = true;
            int length = n;
            connection.send(config.sendTimeout(), out -> FcgiRecordEncoder.write(out, FcgiRecordType.STDIN, REQUEST_ID, buf, 0, length));
        }
        connection.send(config.sendTimeout(), out -> FcgiRecordEncoder.endStream(out, FcgiRecordType.STDIN, REQUEST_ID));
    }

    /** Reads up to the end of the CGI response head; on any failure the connection is given back. */
    CgiResponse readHead() throws FcgiBackendException {
        CgiResponseParser parser = new CgiResponseParser(config.maxHeadBytes(), config.maxHeadFields());
        try {
            while (!parser.isComplete()) {
                FcgiRecord record = nextRecord();
                if (record == null) throw headMissing();
                if (record.content().length == 0) continue;
                int used = parser.feed(record.content(), 0, record.content().length);
                if (used < record.content().length) bodyStart = Arrays.copyOfRange(record.content(), used, record.content().length);
            }
        } catch (CgiResponseException e) {
            giveBack(false);
            throw new FcgiBackendException(502, "malformed CGI response from " + connectionTarget() + ": " + e.getMessage(), e);
        } catch (FcgiBackendException e) {
            if (!released) giveBack(false);
            throw e;
        }
        head = parser.response();
        return head;
    }

    CgiResponse head() {
        return head;
    }

    /** True if a failure may be retried on a fresh connection: a kept connection that answered nothing to a request whose body was not read. */
    boolean retryable() {
        return keptConnection && !receivedAnything && !readClientBody;
    }

    @Override
    public byte[] next() throws IOException {
        if (bodyStart != null) {
            byte[] first = bodyStart;
            bodyStart = null;
            return first;
        }
        while (!ended) {
            FcgiRecord record;
            try {
                record = nextRecord();
            } catch (FcgiBackendException e) {
                if (!released) giveBack(false);
                throw e;
            }
            if (record != null && record.content().length > 0) return record.content();
        }
        return null;
    }

    /** Reads and discards the rest of the response (a local redirect's), keeping the connection if it ends cleanly. */
    void discardRest() {
        try {
            while (next() != null) {
                // a local redirect has no body; whatever comes is dropped
            }
        } catch (IOException e) {
            log.debug("discarding the rest of a FastCGI response for {}: {}", request, e.getMessage());
        }
    }

    @Override
    public void close() {
        if (released) return;
        if (ended) {
            giveBack(true);
            return;
        }
        abort();
    }

    /** The client left before END_REQUEST: tell the backend, and wait for its END_REQUEST off the request thread. */
    private void abort() {
        try {
            connection.send(config.sendTimeout(), out -> FcgiRecordEncoder.abortRequest(out, REQUEST_ID));
        } catch (FcgiBackendException e) {
            log.debug("could not send FCGI_ABORT_REQUEST for {}: {}", request, e.getMessage());
            giveBack(false);
            return;
        }
        log.debug("sent FCGI_ABORT_REQUEST for {}", request);
        Thread.ofVirtual().name("gatehouse-fastcgi-abort").start(this::awaitEndAfterAbort);
    }

    private void awaitEndAfterAbort() {
        long deadline = System.nanoTime() + config.abortDrainTimeout().toNanos();
        try {
            while (!ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    giveBack(false);
                    return;
                }
                nextRecord(Duration.ofNanos(left));
            }
        } catch (FcgiBackendException e) {
            if (!released) giveBack(false);
        }
    }

    private FcgiRecord nextRecord() throws FcgiBackendException {
        return nextRecord(config.readTimeout());
    }

    /**
     * The next STDOUT record of this request, handling STDERR and END_REQUEST on the way;
     * null once END_REQUEST arrived (the connection is then given back, reusable).
     */
    private FcgiRecord nextRecord(Duration timeout) throws FcgiBackendException {
        while (true) {
            FcgiRecord record = connection.read(timeout);
            receivedAnything = true;
            FcgiRecordType type = record.knownType();
            if (record.requestId() != REQUEST_ID || (type != FcgiRecordType.STDOUT && type != FcgiRecordType.STDERR && type != FcgiRecordType.END_REQUEST)) {
                giveBack(false);
                throw new FcgiBackendException(502, connectionTarget() + " sent an unexpected " + record + " for request " + REQUEST_ID);
            }
            if (type == FcgiRecordType.STDOUT) return record;
            if (type == FcgiRecordType.STDERR) {
                stderr.write(record.content());
                continue;
            }
            return endRequest(record);
        }
    }

    private FcgiRecord endRequest(FcgiRecord record) throws FcgiBackendException {
        ended = true;
        stderr.finish();
        FcgiProtocolStatus status = FcgiProtocolStatus.from(record.endProtocolStatus());
        if (status == FcgiProtocolStatus.REQUEST_COMPLETE) {
            if (record.endAppStatus() != 0) log.debug("FastCGI app status {} for {}", record.endAppStatus(), request);
            giveBack(true);
            return null;
        }
        giveBack(true);
        int answer = status == FcgiProtocolStatus.OVERLOADED ? 503 : 502;
        throw new FcgiBackendException(answer, connectionTarget() + " refused the request: " + (status == null ? "protocol status " + record.endProtocolStatus() : status));
    }

    private FcgiBackendException headMissing() {
        return new FcgiBackendException(502, connectionTarget() + " ended the request without a complete CGI response head");
    }

    private void giveBack(boolean reusable) {
        if (released) return;
        released = true;
        pool.release(connection, reusable);
    }

    private String connectionTarget() {
        return pool.target().toString();
    }
}
