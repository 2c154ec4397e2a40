package dev.gatehouse.fastcgi.codec;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads records from a byte stream, checking their structure: version 1, whole records, and
 * the fixed 8-byte bodies of BEGIN_REQUEST, END_REQUEST and UNKNOWN_TYPE. What a record means
 * for a request (known id? allowed now?) is the server's or client's business.
 */
public final class FcgiRecordDecoder {
    private static final byte[] NO_CONTENT = new byte[0];
    private final InputStream in;
    private final byte[] header = new byte[FcgiRecord.HEADER_LENGTH];
    private final byte[] padding = new byte[255];

    public FcgiRecordDecoder(InputStream in) {
        this.in = in;
    }

    /** The next record, or null if the stream ended cleanly between records. */
    public FcgiRecord next() throws IOException {
        int n = in.readNBytes(header, 0, FcgiRecord.HEADER_LENGTH);
        if (n == 0) return null;
        if (n < FcgiRecord.HEADER_LENGTH) throw new FcgiException("connection closed inside a record header");
        if (header[0] != FcgiRecord.VERSION) throw new FcgiException("unsupported FastCGI version " + (header[0] & 0xFF));
        int type = header[1] & 0xFF;
        int requestId = (header[2] & 0xFF) << 8 | (header[3] & 0xFF);
        int contentLength = (header[4] & 0xFF) << 8 | (header[5] & 0xFF);
        int paddingLength = header[6] & 0xFF;
        byte[] content = contentLength == 0 ? NO_CONTENT : in.readNBytes(contentLength);
        if (content.length < contentLength) throw new FcgiException("connection closed inside a record's content");
        if (paddingLength > 0 && in.readNBytes(padding, 0, paddingLength) < paddingLength) {
            throw new FcgiException("connection closed inside a record's padding");
        }
        checkFixedBody(type, content.length);
        return new FcgiRecord(type, requestId, content);
    }

    private static void checkFixedBody(int type, int length) throws FcgiException {
        FcgiRecordType t = FcgiRecordType.from(type);
        if ((t == FcgiRecordType.BEGIN_REQUEST || t == FcgiRecordType.END_REQUEST || t == FcgiRecordType.UNKNOWN_TYPE) && length != 8) {
            throw new FcgiException(t + " record with a body of " + length + " bytes instead of 8");
        }
    }
}
