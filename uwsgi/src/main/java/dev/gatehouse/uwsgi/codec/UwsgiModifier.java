package dev.gatehouse.uwsgi.codec;

/**
 * The packet types a uwsgi {@code modifier1} names (the uwsgi protocol documentation's table; the
 * ones a web server may send, plus the raw HTTP response). Gatehouse serves the WSGI kinds:
 * {@link #WSGI} and {@link #WSGI_MANAGED_SCRIPT_NAME}; the others are named so that a refusal can
 * say what arrived.
 */
public enum UwsgiModifier {
    /** A WSGI request: vars, then the request body. What nginx, Apache and uWSGI's routers send by default. */
    WSGI(0, "WSGI request"),
    PSGI(5, "PSGI (Perl) request"),
    LUA(6, "Lua WSAPI request"),
    RACK(7, "Rack (Ruby) request"),
    JVM(8, "JWSGI/Ring request"),
    CGI(9, "CGI request"),
    MANAGEMENT(10, "management request"),
    PHP(14, "PHP request"),
    MONO(15, "Mono ASP.NET request"),
    SPOOLER(17, "spooler request"),
    SYMCALL(18, "symcall request"),
    EVAL(22, "raw code evaluation"),
    /** A WSGI request whose SCRIPT_NAME is to be removed from the front of PATH_INFO (uWSGI's manage-script-name). */
    WSGI_MANAGED_SCRIPT_NAME(30, "WSGI request with SCRIPT_NAME removed from PATH_INFO"),
    /** 'H' of "HTTP/": a response that is plain HTTP, status line first. */
    HTTP_RESPONSE(72, "raw HTTP response"),
    PING(100, "ping"),
    ECHO(101, "echo"),
    SIGNAL(110, "signal"),
    CACHE(111, "cache operation"),
    RPC(173, "RPC call"),
    CLOSE_MARK(200, "close mark"),
    SUBSCRIPTION(224, "subscription"),
    GENERIC_RESPONSE(255, "generic response");

    public final int code;
    private final String description;

    UwsgiModifier(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The modifier with this code, or null for a code the documentation does not name. */
    public static UwsgiModifier from(int code) {
        for (UwsgiModifier m : values()) {
            if (m.code == code) return m;
        }
        return null;
    }

    /** Whether this modifier1 carries a WSGI-style request (CGI vars, then the body) that Gatehouse serves. */
    public boolean isWsgiRequest() {
        return this == WSGI || this == WSGI_MANAGED_SCRIPT_NAME;
    }

    /** For log lines and error answers: {@code "5 (PSGI (Perl) request)"}, or just the number for an unnamed code. */
    public static String describe(int code) {
        UwsgiModifier m = from(code);
        return m == null ? Integer.toString(code) : code + " (" + m.description + ")";
    }
}
