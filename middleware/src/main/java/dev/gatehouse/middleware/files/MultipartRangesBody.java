package dev.gatehouse.middleware.files;

import dev.gatehouse.api.Body;
import dev.gatehouse.middleware.files.ByteRanges.Range;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A {@code multipart/byteranges} body (RFC 9110 section 14.6): each range as a part with its
 * own {@code Content-Type} and {@code Content-Range}, read from the file in chunks of up to
 * 64 KiB. The parts are few and bounded by {@code maxRanges}; the gateway interface has no
 * zero-copy form for several regions with bytes between them, so this one is copied.
 * <pre>
 * --BOUNDARY CRLF
 * Content-Type: text/plain; charset=utf-8 CRLF
 * Content-Range: bytes 0-99/1000 CRLF
 * CRLF
 * ...100 bytes... CRLF
 * --BOUNDARY CRLF
 * ...
 * CRLF --BOUNDARY-- CRLF
 * </pre>
 * The channel is closed with the body.
 */
final class MultipartRangesBody implements Body {
    private static final int CHUNK = 64 * 1024;

    private final FileChannel channel;
    private final List<Range> ranges;
    private final String boundary;
    private final String partType;
    private final long size;
    private int part;
    private long position = -1; // -1: the part's head is next
    private boolean done;

    MultipartRangesBody(FileChannel channel, List<Range> ranges, String boundary, String partType, long size) {
        this.channel = channel;
        this.ranges = ranges;
        this.boundary = boundary;
        this.partType = partType;
        this.size = size;
    }

    /** The exact length of the body, for its {@code Content-Length}. */
    static long length(List<Range> ranges, String boundary, String partType, long size) {
        long total = closing(boundary).length;
        for (int i = 0; i < ranges.size(); i++) {
            total += partHead(i, ranges.get(i), boundary, partType, size).length + ranges.get(i).length();
        }
        return total;
    }

    private static byte[] partHead(int index, Range range, String boundary, String partType, long size) {
        String head = (index == 0 ? "" : "\r\n") + "--" + boundary + "\r\nContent-Type: " + partType
                + "\r\nContent-Range: " + range.contentRange(size) + "\r\n\r\n";
        return head.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] closing(String boundary) {
        return ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public byte[] next() throws IOException {
        if (done) return null;
        if (part == ranges.size()) {
            done = true;
            return closing(boundary);
        }
        Range range = ranges.get(part);
        if (position < 0) {
            position = range.first();
            return partHead(part, range, boundary, partType, size);
        }
        long left = range.last() + 1 - position;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, left));
        while (buf.hasRemaining()) {
            int n = channel.read(buf, position);
            if (n < 0) throw new IOException("the file shrank while its ranges were being sent");
            position += n;
        }
        if (position > range.last()) {
            part++;
            position = -1;
        }
        return buf.array();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
