package dev.gatehouse.fastcgi.server;

import dev.gatehouse.fastcgi.codec.FcgiRecordEncoder;
import dev.gatehouse.fastcgi.codec.FcgiRecordType;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request's {@code gateway.errors}: what the app writes goes to the web server as STDERR records
 * (nginx and Apache put it in their error logs), sent on each flush or when the buffer fills. Bounded
 * per request; past the bound the rest is dropped with one log line here.
 */
final class FcgiErrorStream extends OutputStream {
    private static final Logger log = LoggerFactory.getLogger("gateway.errors");
    private static final int BUFFER = 4096;
    private final FcgiRequest request;
    private final FcgiOutput out;
    private final long maxBytes;
    private final byte[] buffer = new byte[BUFFER];
    private final RecordBuffer records = new RecordBuffer(BUFFER + 16);
    private int length;
    private long total;
    private boolean sent;

    FcgiErrorStream(FcgiRequest request, FcgiOutput out, long maxBytes) {
        this.request = request;
        this.out = out;
        this.maxBytes = maxBytes;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        long room = maxBytes - total;
        if (room <= 0) return;
        if (len > room) {
            log.warn("request {}: gateway.errors output over {} bytes; the rest is dropped", request.id(), maxBytes);
            len = (int) room;
        }
        total += len;
        while (len > 0) {
            int n = Math.min(len, BUFFER - length);
            System.arraycopy(b, off, buffer, length, n);
            length += n;
            off += n;
            len -= n;
            if (length == BUFFER) flush();
        }
    }

    /** Sends what is buffered; a request that already ended (aborted) drops it quietly. */
    @Override
    public void flush() throws IOException {
        if (length == 0 || request.ended()) {
            length = 0;
            return;
        }
        request.awaitBodyReceived(); // no record before the body is in, as for STDOUT
        records.reset();
        FcgiRecordEncoder.write(records, FcgiRecordType.STDERR, request.id(), buffer, 0, length);
        length = 0;
        sent = true;
        out.send(request, records, false);
    }

    boolean wroteAny() {
        return sent;
    }
}
