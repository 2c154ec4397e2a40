package dev.gatehouse.http1.server;

import dev.gatehouse.core.Exchange;
import dev.gatehouse.core.ResponseHead;
import dev.gatehouse.http1.codec.Http1Request;
import dev.gatehouse.http1.codec.Http1ResponseEncoder;
import dev.gatehouse.http1.codec.Http1ResponseEncoder.Framing;
import dev.gatehouse.http1.codec.HttpDate;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * One request's response over HTTP/1.x: chooses the framing (Content-Length, chunked on 1.1,
 * close-delimited on 1.0), says whether the connection stays open, and writes through the
 * connection's {@link Http1Output}.
 */
final class Http1Exchange implements Exchange {
    private final Http1Request request;
    private final Http1Output out;
    private final Http1RequestInput input;
    private boolean keepAlive;
    private Framing framing;
    private long contentLength;
    private long sent;
    private boolean headSent;
    private boolean finished;
    private boolean aborted;

    Http1Exchange(Http1Request request, Http1Output out, boolean keepAlive, Http1RequestInput input) {
        this.request = request;
        this.out = out;
        this.keepAlive = keepAlive;
        this.input = input;
        input.attach(this);
    }

    boolean keepAlive() {
        return keepAlive && finished && !aborted;
    }

    boolean headSent() {
        return headSent;
    }

    @Override
    public void sendHead(ResponseHead head) {
        headSent = true;
        // Where the next request starts is unknown if the body broke mid-way, and not worth
        // waiting for if the unread rest is too large to drain or was never asked for (100-continue).
        if (input.failed() || !input.drainable()) keepAlive = false;
        contentLength = head.contentLength();
        if (head.bodyless()) framing = Framing.NONE;
        else if (head.contentLength() >= 0) framing = Framing.CONTENT_LENGTH;
        else if (request.minorVersion() == 1) framing = Framing.CHUNKED;
        else {
            framing = Framing.CLOSE;
            keepAlive = false;
        }
        // The status line always says HTTP/1.1, our version (RFC 9110 2.5), as nginx and Apache do.
        String connection = !keepAlive ? "close" : request.minorVersion() == 0 ? "keep-alive" : null;
        Http1ResponseEncoder.encodeHead(out.buffer, 1, head.status(), head.headers(), framing,
                head.contentLength(), connection, HttpDate.now());
    }

    @Override
    public void sendBody(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) return;
        if (framing == Framing.CHUNKED) {
            out.buffer.ensure(12);
            Http1ResponseEncoder.chunkHeader(out.buffer, length);
            out.write(bytes, offset, length);
            Http1ResponseEncoder.chunkTrailer(out.buffer);
        } else {
            out.write(bytes, offset, length);
        }
        sent += length;
        // Each chunk goes out before the app is asked for the next (PEP 3333), except the one that
        // completes a declared length: finish() decides when that goes, so a small response and
        // pipelined ones leave in as few writes as possible.
        if (framing != Framing.CONTENT_LENGTH || sent < contentLength) out.flush();
    }

    @Override
    public void sendFile(FileChannel file, long position, long length) throws IOException {
        if (framing == Framing.CHUNKED) {
            // chunk sizes are ints here; a region past 2 GiB goes out as several chunks
            while (length > 0) {
                int n = (int) Math.min(length, 1 << 30);
                Http1ResponseEncoder.chunkHeader(out.buffer, n);
                out.transferFrom(file, position, n);
                Http1ResponseEncoder.chunkTrailer(out.buffer);
                position += n;
                length -= n;
            }
        } else {
            out.sendFile(file, position, length);
        }
    }

    @Override
    public void finish() throws IOException {
        if (framing == Framing.CHUNKED) Http1ResponseEncoder.lastChunk(out.buffer);
        finished = true;
        if (!keepAlive) out.flush();
    }

    @Override
    public void abort() {
        aborted = true;
    }
}
