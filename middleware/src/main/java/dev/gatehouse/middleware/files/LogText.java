package dev.gatehouse.middleware.files;

/**
 * Makes request-controlled text safe for a log line: control characters, quotes, backslashes
 * and everything outside printable ASCII become {@code \xhh}, so a request cannot forge lines.
 * Environ strings hold one byte per character; anything above U+00FF is written as {@code \\u}.
 */
final class LogText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogText() {
    }

    static String quote(String text) {
        if (text == null) return "-";
        StringBuilder b = new StringBuilder(text.length() + 2).append('"');
        int limit = Math.min(text.length(), 2048);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') b.append(c);
            else if (c <= 0xFF) b.append("\\x").append(HEX[c >> 4]).append(HEX[c & 15]);
            else b.append(String.format("\\u%04x", (int) c));
        }
        if (limit < text.length()) b.append("...");
        return b.append('"').toString();
    }
}
