package dev.gatehouse.web;

/** 401 Unauthorized; {@link #basic} adds the challenge a browser answers with its login dialog. */
public class Unauthorized extends HttpError {
    public Unauthorized() {
        super(401, "Unauthorized");
    }

    public Unauthorized(String message) {
        super(401, message);
    }

    /** A 401 with {@code WWW-Authenticate: Basic realm="..."}. */
    public static Unauthorized basic(String realm) {
        if (realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0 || realm.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new IllegalArgumentException("realm must be printable ASCII without quotes or backslashes: " + realm);
        }
        Unauthorized error = new Unauthorized();
        error.withHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
        return error;
    }
}
