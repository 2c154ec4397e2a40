package dev.gatehouse.web;

/**
 * A redirect. A location starting with a single '/' is taken relative to the app (its SCRIPT_NAME
 * is put in front, as web.py does), so a mounted app redirects within itself; absolute URLs and
 * '//' locations are sent as given (spaces and non-ASCII characters percent-encoded), so a
 * location taken from the request (a {@code ?next=} parameter) can send the user to any site:
 * check it with {@link #isLocal} first.
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

    /**
     * True when {@code location} stays on this app: it starts with a single '/' (so neither
     * {@code //other.host} nor {@code https://...}). Use it on a target that came from the request:
     * {@code throw new SeeOther(Redirect.isLocal(next) ? next : "/")}.
     */
    public static boolean isLocal(String location) {
        return location != null && location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\")
                && location.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** The Location header value for a request. */
    String resolve(Request request) {
        return location.startsWith("/") && !location.startsWith("//") ? request.url(location) : UriText.escapeNonAscii(location);
    }
}
