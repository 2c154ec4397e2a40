package dev.gatehouse.fastcgi.codec;

/**
 * One FastCGI record as it travels on the wire (section 3.3):
 * <pre>
 *   byte 0   version (1)           byte 4-5 contentLength (big-endian, 0..65535)
 *   byte 1   type                  byte 6   paddingLength (0..255)
 *   byte 2-3 requestId (big-end.)  byte 7   reserved
 *   then contentLength bytes of content, then paddingLength bytes of padding
 * </pre>
 *
 * @param type the raw type code (see {@link FcgiRecordType#from(int)})
 * @param content exactly the content bytes (no padding)
 */
public record FcgiRecord(int type, int requestId, byte[] content) {
    public static final int VERSION = 1;
    public static final int HEADER_LENGTH = 8;
    public static final int MAX_CONTENT = 65535;

    public FcgiRecordType knownType() {
        return FcgiRecordType.from(type);
    }

    /** For a stream record (PARAMS, STDIN, STDOUT, STDERR, DATA): the empty record that ends the stream. */
    public boolean endsStream() {
        return content.length == 0;
    }

    /** BEGIN_REQUEST body: role (2 bytes), flags (1 byte), 5 reserved. */
    public int beginRole() {
        return (content[0] & 0xFF) << 8 | (content[1] & 0xFF);
    }

    public int beginFlags() {
        return content[2] & 0xFF;
    }

    /** END_REQUEST body: appStatus (4 bytes), protocolStatus (1 byte), 3 reserved. */
    public int endAppStatus() {
        return (content[0] & 0xFF) << 24 | (content[1] & 0xFF) << 16 | (content[2] & 0xFF) << 8 | (content[3] & 0xFF);
    }

    public int endProtocolStatus() {
        return content[4] & 0xFF;
    }

    @Override
    public String toString() {
        FcgiRecordType t = knownType();
        return "FcgiRecord[" + (t == null ? "type " + type : t) + ", id " + requestId + ", " + content.length + " bytes]";
    }
}
