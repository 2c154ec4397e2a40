package dev.gatehouse.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The byte level of multipart/form-data: finds the delimiters ({@code CRLF--boundary}) in a
 * stream with a fixed buffer, handing the bytes between them to a sink as they come, so a part
 * is never held whole. The buffer starts with a virtual CRLF so that a body opening directly with
 * {@code --boundary} (the usual case) matches the same delimiter.
 */
final class MultipartStream {
    /** Receives the bytes of a part. */
    interface Sink {
        void write(byte[] b, int off, int len) throws IOException;
    }

    static final Sink DISCARD = (b, off, len) -> { };

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int end;

    MultipartStream(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[16 * 1024 + delimiter.length];
        buf[0] = '\r';
        buf[1] = '\n';
        end = 2;
    }

    /** Copies the bytes up to the next delimiter to {@code sink} and skips the delimiter; false at end of input. */
    boolean copyToDelimiter(Sink sink) throws IOException {
        while (true) {
            int at = indexOfDelimiter();
            if (at >= 0) {
                sink.write(buf, pos, at - pos);
                pos = at + delimiter.length;
                return true;
            }
            int safe = end - (delimiter.length - 1); // the tail may be the start of a delimiter
            if (safe > pos) {
                sink.write(buf, pos, safe - pos);
                pos = safe;
            }
            if (!fill()) return false;
        }
    }

    /** The next byte, or -1 at end of input. */
    int read() throws IOException {
        if (pos == end && !fill()) return -1;
        return buf[pos++] & 0xFF;
    }

    /**
     * One header line without its CRLF, as bytes decoded strictly as UTF-8 (RFC 7578 allows raw
     * UTF-8 file names). {@code budget} is what is left of the part header limit.
     */
    String readLine(int budget, String limitMessage) throws IOException {
        byte[] line = new byte[Math.min(budget, 1024)];
        int n = 0;
        while (true) {
            int b = read();
            if (b < 0) throw new BadRequest("multipart body ended inside a part's headers");
            if (b == '\r') {
                if (read() != '\n') throw new BadRequest("multipart part header line not ended by CRLF");
                return FormDecoder.utf8(line, n, "a multipart part header");
            }
            if (b == '\n') throw new BadRequest("multipart part header line ended by a bare LF");
            if (n >= budget) throw new BadRequest(limitMessage);
            if (n == line.length) line = java.util.Arrays.copyOf(line, Math.min(budget, line.length * 2));
            line[n++] = (byte) b;
        }
    }

    private int indexOfDelimiter() {
        byte first = delimiter[0];
        outer:
        for (int i = pos; i <= end - delimiter.length; i++) {
            if (buf[i] != first) continue;
            for (int j = 1; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) return false;
        end += n;
        return true;
    }
}
