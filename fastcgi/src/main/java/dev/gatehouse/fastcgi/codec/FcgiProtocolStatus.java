package dev.gatehouse.fastcgi.codec;

/** The protocolStatus of an END_REQUEST record (section 5.5). */
public enum FcgiProtocolStatus {
    REQUEST_COMPLETE(0),
    CANT_MPX_CONN(1),
    OVERLOADED(2),
    UNKNOWN_ROLE(3);

    public final int code;

    FcgiProtocolStatus(int code) {
        this.code = code;
    }

    public static FcgiProtocolStatus from(int code) {
        for (FcgiProtocolStatus s : values()) {
            if (s.code == code) return s;
        }
        return null;
    }
}
