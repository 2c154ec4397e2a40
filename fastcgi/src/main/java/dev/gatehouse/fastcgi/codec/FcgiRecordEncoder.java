package dev.gatehouse.fastcgi.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Writes FastCGI records. Content longer than a record holds is split; every record is padded
 * to a multiple of 8 bytes, as the specification recommends and nginx and PHP-FPM do.
 */
public final class FcgiRecordEncoder {
    private static final byte[] PADDING = new byte[8];

    private FcgiRecordEncoder() {
    }

    /** Writes {@code content[off, off+len)} as one or more records of {@code type}; len 0 writes one empty record (a stream's end). */
    public static void write(OutputStream out, FcgiRecordType type, int requestId, byte[] content, int off, int len) throws IOException {
        do {
            int n = Math.min(len, FcgiRecord.MAX_CONTENT);
            writeOne(out, type.code, requestId, content, off, n);
            off += n;
            len -= n;
        } while (len > 0);
    }

    /** The end of a stream: an empty record. */
    public static void endStream(OutputStream out, FcgiRecordType type, int requestId) throws IOException {
        writeOne(out, type.code, requestId, PADDING, 0, 0);
    }

    static void writeOne(OutputStream out, int type, int requestId, byte[] content, int off, int len) throws IOException {
        int pad = (8 - (len & 7)) & 7;
        out.write(new byte[] {FcgiRecord.VERSION, (byte) type, (byte) (requestId >> 8), (byte) requestId,
            (byte) (len >> 8), (byte) len, (byte) pad, 0});
        if (len > 0) out.write(content, off, len);
        if (pad > 0) out.write(PADDING, 0, pad);
    }

    public static void beginRequest(OutputStream out, int requestId, FcgiRole role, boolean keepConnection) throws IOException {
        byte[] body = {(byte) (role.code >> 8), (byte) role.code, (byte) (keepConnection ? 1 : 0), 0, 0, 0, 0, 0};
        writeOne(out, FcgiRecordType.BEGIN_REQUEST.code, requestId, body, 0, 8);
    }

    public static void endRequest(OutputStream out, int requestId, int appStatus, FcgiProtocolStatus status) throws IOException {
        byte[] body = {(byte) (appStatus >> 24), (byte) (appStatus >> 16), (byte) (appStatus >> 8), (byte) appStatus,
            (byte) status.code, 0, 0, 0};
        writeOne(out, FcgiRecordType.END_REQUEST.code, requestId, body, 0, 8);
    }

    public static void abortRequest(OutputStream out, int requestId) throws IOException {
        writeOne(out, FcgiRecordType.ABORT_REQUEST.code, requestId, PADDING, 0, 0);
    }

    public static void unknownType(OutputStream out, int type) throws IOException {
        byte[] body = {(byte) type, 0, 0, 0, 0, 0, 0, 0};
        writeOne(out, FcgiRecordType.UNKNOWN_TYPE.code, 0, body, 0, 8);
    }

    /** GET_VALUES_RESULT (or GET_VALUES with empty values): name-value pairs on request id 0. */
    public static void values(OutputStream out, FcgiRecordType type, Map<String, String> values) throws IOException {
        byte[] body = FcgiParams.encode(values);
        if (body.length > FcgiRecord.MAX_CONTENT) throw new IllegalArgumentException(type + " of " + body.length + " bytes does not fit in one record");
        writeOne(out, type.code, 0, body, 0, body.length);
    }
}
