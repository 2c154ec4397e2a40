package dev.gatehouse.fastcgi.codec;

/** Record types of FastCGI 1.0 (section 8). */
public enum FcgiRecordType {
    BEGIN_REQUEST(1),
    ABORT_REQUEST(2),
    END_REQUEST(3),
    PARAMS(4),
    STDIN(5),
    STDOUT(6),
    STDERR(7),
    DATA(8),
    GET_VALUES(9),
    GET_VALUES_RESULT(10),
    UNKNOWN_TYPE(11);

    private static final FcgiRecordType[] BY_CODE = new FcgiRecordType[12];

    static {
        for (FcgiRecordType t : values()) BY_CODE[t.code] = t;
    }

    public final int code;

    FcgiRecordType(int code) {
        this.code = code;
    }

    /** The type with this code, or null for a type this version does not define (answered with UNKNOWN_TYPE). */
    public static FcgiRecordType from(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** Management records use request id 0. */
    public boolean isManagement() {
        return this == GET_VALUES || this == GET_VALUES_RESULT || this == UNKNOWN_TYPE;
    }
}
