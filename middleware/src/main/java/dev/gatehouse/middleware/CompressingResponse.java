package dev.gatehouse.middleware;

import dev.gatehouse.api.Body;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import dev.gatehouse.api.Write;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One response passing through {@link Compression}: the {@code start_response} handed to the
 * app, which decides from the head whether to compress and rewrites it, and the body and
 * {@code write} that compress accordingly. Deciding again is allowed until the head goes out (an
 * app replacing its response through {@code excInfo}).
 */
final class CompressingResponse implements StartResponse {
    private final StartResponse server;
    private final Compression compression;
    private final ContentCoding offered;
    private final boolean headRequest;
    private Write serverWrite;
    private ContentEncoder encoder;
    private boolean finished;

    CompressingResponse(StartResponse server, Compression compression, ContentCoding offered, boolean headRequest) {
        this.server = server;
        this.compression = compression;
        this.offered = offered;
        this.headRequest = headRequest;
    }

    @Override
    public Write start(Status status, List<Header> headers, Throwable excInfo) {
        end(); // a replaced response starts afresh
        finished = false;
        CompressionConfig config = compression.config();
        boolean compressible = compression.compressible(Header.find(headers, "Content-Type"))
                && Header.find(headers, "Content-Encoding") == null && !hasToken(headers, "Cache-Control", "no-transform");
        List<Header> out = compressible && config.vary() ? HeaderLists.withVary(headers, "Accept-Encoding") : headers;
        ContentCoding coding = compressible && shouldCompress(status, headers, config) ? offered : null;
        if (coding != null) out = compressedHead(out, coding);
        serverWrite = server.start(status, out, excInfo);
        if (coding != null) encoder = new ContentEncoder(coding, config.level());
        return this::write;
    }

    private boolean shouldCompress(Status status, List<Header> headers, CompressionConfig config) {
        if (offered == null || headRequest || status.forbidsBody() || status.code() == 206) return false;
        if (Header.find(headers, "Content-Range") != null) return false;
        String length = Header.find(headers, "Content-Length");
        if (length == null) return true; // streamed: compressed whatever its size
        long n = parseLength(length);
        return n >= 0 && n >= config.minLength();
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        if (serverWrite == null) throw new IllegalStateException("write called before start_response");
        if (encoder == null || length == 0) {
            serverWrite.write(bytes, offset, length);
            return;
        }
        serverWrite.write(encoder.encode(bytes, offset, length));
    }

    /** The app's body, compressed if the head said so; a file body that is not compressed passes untouched. */
    Body body(Body body) {
        if (body instanceof dev.gatehouse.api.FileBody && encoder == null && serverWrite != null) return body;
        return new Body() {
            @Override
            public byte[] next() throws IOException {
                if (finished) return null;
                byte[] chunk = body.next();
                if (encoder == null) return chunk;
                if (chunk == null) {
                    finished = true;
                    byte[] tail = encoder.finish();
                    encoder = null;
                    return tail;
                }
                return chunk.length == 0 ? chunk : encoder.encode(chunk, 0, chunk.length);
            }

            @Override
            public void close() throws IOException {
                try {
                    body.close();
                } finally {
                    end();
                }
            }
        };
    }

    /** Releases the deflater of a response that will not be completed. */
    void end() {
        if (encoder != null) encoder.end();
        encoder = null;
    }

    /** Content-Encoding added; Content-Length and Accept-Ranges dropped; a strong ETag made weak. */
    private static List<Header> compressedHead(List<Header> headers, ContentCoding coding) {
        List<Header> out = new ArrayList<>(headers.size() + 1);
        for (Header h : headers) {
            if (h.is("Content-Length") || h.is("Accept-Ranges")) continue;
            if (h.is("ETag") && h.value().startsWith("\"")) out.add(Header.of(h.name(), "W/" + h.value()));
            else out.add(h);
        }
        out.add(Header.of("Content-Encoding", coding.token()));
        return out;
    }

    private static boolean hasToken(List<Header> headers, String name, String token) {
        for (Header h : headers) {
            if (!h.is(name)) continue;
            List<String> items = HeaderLists.split(h.value());
            if (items == null) continue;
            for (String item : items) {
                if (HeaderLists.name(item).equals(token)) return true;
            }
        }
        return false;
    }

    private static long parseLength(String s) {
        if (s.isEmpty() || s.length() > 18) return -1;
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
