package dev.gatehouse.middleware;

/** Request-supplied text made safe for a log line: quotes, backslashes, controls and non-ASCII bytes escaped. */
final class LogText {
    private LogText() {
    }

    static String printable(String s) {
        if (s == null) return "-";
        StringBuilder out = new StringBuilder(s.length() + 8);
        LogEscaper.append(out, s);
        return out.toString();
    }
}
