package dev.gatehouse.fastcgi.server;

import dev.gatehouse.core.Exchange;
import dev.gatehouse.core.ResponseHead;
import dev.gatehouse.core.cgi.CgiResponseEncoder;
import dev.gatehouse.fastcgi.codec.FcgiProtocolStatus;
import dev.gatehouse.fastcgi.codec.FcgiRecordEncoder;
import dev.gatehouse.fastcgi.codec.FcgiRecordType;
import java.io.IOException;

/**
 * One request's response over FastCGI: the CGI head ({@code Status:} and headers) and the body go
 * out as STDOUT records, small writes gathered so a small response leaves in one system call with
 * its END_REQUEST. Aborting a response that cannot be completed closes the connection, the only
 * way to make the web server see it incomplete (END_REQUEST would make it look whole).
 */
final class FcgiExchange implements Exchange {
    private static final int GATHER = 16 * 1024;
    private final FcgiRequest request;
    private final FcgiOutput out;
    private final FcgiErrorStream errors;
    private final Runnable abortConnection;
    private final byte[] pending = new byte[GATHER];
    private int pendingLength;
    private final RecordBuffer records = new RecordBuffer(GATHER + 64);

    FcgiExchange(FcgiRequest request, FcgiOutput out, FcgiErrorStream errors, Runnable abortConnection) {
        this.request = request;
        this.out = out;
        this.errors = errors;
        this.abortConnection = abortConnection;
    }

    @Override
    public void sendHead(ResponseHead head) throws IOException {
        byte[] bytes = CgiResponseEncoder.encodeHead(head);
        sendBody(bytes, 0, bytes.length);
    }

    @Override
    public void sendBody(byte[] bytes, int offset, int length) throws IOException {
        if (pendingLength + length <= pending.length) {
            System.arraycopy(bytes, offset, pending, pendingLength, length);
            pendingLength += length;
            return;
        }
        request.awaitBodyReceived();
        records.reset();
        encodePending();
        FcgiRecordEncoder.write(records, FcgiRecordType.STDOUT, request.id(), bytes, offset, length);
        out.send(request, records, false);
    }

    @Override
    public void finish() throws IOException {
        request.awaitBodyReceived();
        errors.flush();
        records.reset();
        encodePending();
        FcgiRecordEncoder.endStream(records, FcgiRecordType.STDOUT, request.id());
        if (errors.wroteAny()) FcgiRecordEncoder.endStream(records, FcgiRecordType.STDERR, request.id());
        FcgiRecordEncoder.endRequest(records, request.id(), 0, FcgiProtocolStatus.REQUEST_COMPLETE);
        out.send(request, records, true);
    }

    private void encodePending() throws IOException {
        if (pendingLength == 0) return;
        FcgiRecordEncoder.write(records, FcgiRecordType.STDOUT, request.id(), pending, 0, pendingLength);
        pendingLength = 0;
    }

    /** Sends what was gathered (the web server shows the client as much as there is), then closes the connection. */
    @Override
    public void abort() {
        if (request.ended()) return; // the web server aborted it and has its END_REQUEST already
        try {
            records.reset();
            encodePending();
            if (records.size() > 0) out.send(request, records, false);
        } catch (IOException e) {
            // the connection is going anyway
        }
        abortConnection.run();
    }
}
