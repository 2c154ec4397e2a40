package dev.gatehouse.middleware;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses one response body chunk by chunk. Every chunk is flushed with
 * {@link Deflater#SYNC_FLUSH}, so what a chunk compresses to can be decompressed whole as soon as
 * it arrives: a streamed response (server-sent events, a long report) still streams. The
 * deflater's native memory is released by {@link #end()}, which the body's close always calls.
 */
final class ContentEncoder {
    /** Magic, CM=deflate, no flags, MTIME 0, XFL 0, OS 255 (unknown). */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final ContentCoding coding;
    private final Deflater deflater;
    private final CRC32 crc;
    private final byte[] buffer = new byte[16 * 1024];
    private boolean headerWritten;
    private boolean ended;

    ContentEncoder(ContentCoding coding, int level) {
        this.coding = coding;
        this.deflater = new Deflater(level, coding == ContentCoding.GZIP);
        this.crc = coding == ContentCoding.GZIP ? new CRC32() : null;
    }

    /** Compresses {@code length} bytes and flushes them; never returns an empty array for a non-empty input. */
    byte[] encode(byte[] bytes, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length / 2 + 64);
        writeHeader(out);
        if (crc != null) crc.update(bytes, offset, length);
        deflater.setInput(bytes, offset, length);
        while (true) {
            int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
            if (n < buffer.length && deflater.needsInput()) break;
        }
        return out.toByteArray();
    }

    /** The end of the compressed stream (and, for gzip, its trailer). */
    byte[] finish() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        writeHeader(out);
        deflater.finish();
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            out.write(buffer, 0, n);
        }
        if (coding == ContentCoding.GZIP) {
            writeIntLe(out, (int) crc.getValue());
            writeIntLe(out, (int) deflater.getBytesRead()); // ISIZE: the input length modulo 2^32
        }
        end();
        return out.toByteArray();
    }

    void end() {
        if (ended) return;
        ended = true;
        deflater.end();
    }

    private void writeHeader(ByteArrayOutputStream out) {
        if (coding == ContentCoding.GZIP && !headerWritten) out.write(GZIP_HEADER, 0, GZIP_HEADER.length);
        headerWritten = true;
    }

    private static void writeIntLe(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
