package dev.gatehouse.core.cgi;

/** The two forms of a CGI {@code Location} value (RFC 3875 section 6.3.2). */
final class CgiLocations {
    private CgiLocations() {
    }

    /** {@code local-pathquery}: starts with one '/' ({@code //host} is a network-path reference, a client URL). */
    static boolean isLocalPath(String location) {
        return location.startsWith("/") && !location.startsWith("//") && noSpace(location);
    }

    /** {@code absoluteURI}: a scheme (letter, then letters, digits, '+', '-', '.') and ':'. */
    static boolean isAbsoluteUri(String location) {
        int colon = location.indexOf(':');
        if (colon <= 0 || !isAsciiLetter(location.charAt(0))) return false;
        for (int i = 1; i < colon; i++) {
            char c = location.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
        }
        return noSpace(location);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean noSpace(String s) {
        return s.indexOf(' ') < 0 && s.indexOf('\t') < 0;
    }
}
