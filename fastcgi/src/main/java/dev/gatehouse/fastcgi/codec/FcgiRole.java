package dev.gatehouse.fastcgi.codec;

/** The role a BEGIN_REQUEST asks the application to play (section 6). */
public enum FcgiRole {
    RESPONDER(1),
    AUTHORIZER(2),
    FILTER(3);

    public final int code;

    FcgiRole(int code) {
        this.code = code;
    }

    /** The role with this code, or null (answered with END_REQUEST / UNKNOWN_ROLE). */
    public static FcgiRole from(int code) {
        for (FcgiRole r : values()) {
            if (r.code == code) return r;
        }
        return null;
    }
}
