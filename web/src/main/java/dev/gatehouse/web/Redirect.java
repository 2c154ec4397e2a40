package dev.gatehouse.web;

/**
 * A redirect. A location starting with a single '/' is taken relative to the app (its SCRIPT_NAME
 * is put in front, as web.py does), so a mounted app redirects within itself; absolute URLs and
 * '//' locations are sent as given.
 */
public abstract class Redirect extends HttpError {
    private final String location;

    protected Redirect(int status, String location) {
        super(status, "Redirecting to " + location);
        if (location.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("a redirect location must not contain control characters");
        }
        this.location = location;
    }

    public String location() {
        return location;
    }

    /** The Location header value for a request. */
    String resolve(Request request) {
        return location.startsWith("/") && !location.startsWith("//") ? request.url(location) : location;
    }
}
