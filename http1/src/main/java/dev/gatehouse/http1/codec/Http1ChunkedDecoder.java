package dev.gatehouse.http1.codec;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * A chunked body (RFC 9112 section 7.1), strictly: hex sizes without sign or overflow, chunk
 * extensions only after ';' and within a per-request byte budget, CRLF after every chunk's data,
 * a bounded trailer section whose fields are checked and then dropped.
 */
public final class Http1ChunkedDecoder extends Http1BodyDecoder {
    private static final Supplier<Http1Exception> NO_CRLF = () -> Http1Exception.badRequest("chunk data not followed by CRLF");
    private static final int MAX_SIZE_DIGITS = 15; // < 2^60: no overflow, and far past any body limit

    private final Http1Reader in;
    private final long maxBody;
    private final int maxExtensions;
    private final int maxTrailer;
    private long chunkLeft;
    private long total;
    private int extensionBytes;
    private boolean lastChunkSeen;
    private boolean done;

    public Http1ChunkedDecoder(Http1Reader in, long maxBody, int maxExtensions, int maxTrailer) {
        this.in = in;
        this.maxBody = maxBody;
        this.maxExtensions = maxExtensions;
        this.maxTrailer = maxTrailer;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) return -1;
        if (len == 0) return 0;
        if (chunkLeft == 0) {
            if (!nextChunk()) return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, chunkLeft));
        if (n < 0) throw truncated();
        chunkLeft -= n;
        if (chunkLeft == 0) expectCrlf();
        return n;
    }

    /** Reads the next chunk-size line; at the last chunk reads the trailers and returns false. */
    private boolean nextChunk() throws IOException {
        int lineLimit = MAX_SIZE_DIGITS + 1 + (maxExtensions - extensionBytes);
        int lf = in.findLineEnd(lineLimit, () -> Http1Exception.badRequest("chunk size line too long (extensions past " + maxExtensions + " bytes?)"),
                Http1BodyDecoder::truncated);
        if (lf < 0) throw truncated();
        if (lf == in.pos || in.buf[lf - 1] != '\r') throw Http1Exception.badRequest("chunk size line does not end in CRLF");
        long size = parseChunkSize(in.buf, in.pos, lf - 1);
        in.pos = lf + 1;
        if (size == 0) {
            lastChunkSeen = true;
            readTrailers();
            done = true;
            return false;
        }
        total += size;
        if (total > maxBody) throw new Http1Exception(413, "request body larger than " + maxBody + " bytes");
        chunkLeft = size;
        return true;
    }

    private long parseChunkSize(byte[] b, int from, int to) throws Http1Exception {
        long size = 0;
        int i = from;
        while (i < to && Character.digit(b[i], 16) >= 0 && b[i] < 0x80) {
            if (i - from == MAX_SIZE_DIGITS) throw Http1Exception.badRequest("chunk size too large");
            size = size << 4 | Character.digit(b[i], 16);
            i++;
        }
        if (i == from) throw Http1Exception.badRequest("chunk size is not hexadecimal");
        if (i < to) parseExtensions(b, i, to);
        return size;
    }

    /** chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS value ] ): checked for stray bytes, then ignored. */
    private void parseExtensions(byte[] b, int from, int to) throws Http1Exception {
        int i = from;
        while (i < to && (b[i] == ' ' || b[i] == '\t')) i++;
        if (i == to || b[i] != ';') throw Http1Exception.badRequest("chunk size followed by something other than an extension");
        for (int j = i; j < to; j++) {
            int c = b[j] & 0xFF;
            if ((c < 0x20 && c != '\t') || c == 0x7F) throw Http1Exception.badRequest("control byte in a chunk extension");
        }
        extensionBytes += to - from;
        if (extensionBytes > maxExtensions) throw Http1Exception.badRequest("chunk extensions larger than " + maxExtensions + " bytes");
    }

    private void expectCrlf() throws IOException {
        int lf = in.findLineEnd(0, NO_CRLF, Http1BodyDecoder::truncated);
        if (lf < 0) throw truncated();
        if (lf != in.pos + 1 || in.buf[in.pos] != '\r') throw Http1Exception.badRequest("chunk data not followed by CRLF");
        in.pos = lf + 1;
    }

    private void readTrailers() throws IOException {
        Http1Headers ignored = new Http1Headers();
        Supplier<Http1Exception> tooLarge = () -> Http1Exception.badRequest("trailer section larger than " + maxTrailer + " bytes");
        int size = 0;
        while (true) {
            int lf = in.findLineEnd(maxTrailer - size, tooLarge, Http1BodyDecoder::truncated);
            if (lf < 0) throw truncated();
            if (lf == in.pos || in.buf[lf - 1] != '\r') throw Http1Exception.badRequest("trailer line does not end in CRLF");
            if (lf - 1 == in.pos) {
                in.pos = lf + 1;
                return;
            }
            size += lf + 1 - in.pos;
            if (size > maxTrailer) throw tooLarge.get();
            Http1RequestDecoder.parseField(in.buf, in.pos, lf - 1, ignored);
            in.pos = lf + 1;
        }
    }

    @Override
    public int available() {
        return (int) Math.min(chunkLeft, in.buffered());
    }

    @Override
    public long remaining() {
        return 0;
    }

    @Override
    public boolean complete() {
        return done && lastChunkSeen;
    }

    /** Body bytes received so far. */
    public long received() {
        return total;
    }
}
