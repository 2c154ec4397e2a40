package dev.gatehouse.middleware;

import java.nio.charset.StandardCharsets;

/**
 * Escapes a field of an access-log line the way Apache's {@code ap_escape_logitem} does, so a
 * client cannot forge lines or break the quoting: {@code "} and {@code \} get a backslash,
 * common control characters their C escape, every other byte outside printable ASCII
 * {@code \xhh}. Environ strings hold one byte per character; any character above U+00FF (set by
 * an app, not by a server) is escaped byte by byte in UTF-8.
 */
final class LogEscaper {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogEscaper() {
    }

    static void append(StringBuilder out, String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                out.append(c);
            } else if (c > 0xFF) {
                int end = Character.isHighSurrogate(c) && i + 1 < field.length() ? i + 2 : i + 1;
                for (byte b : field.substring(i, end).getBytes(StandardCharsets.UTF_8)) appendHex(out, b & 0xFF);
                i = end - 1;
            } else {
                appendEscape(out, c);
            }
        }
    }

    private static void appendEscape(StringBuilder out, char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\b' -> out.append("\\b");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0B -> out.append("\\v");
            default -> appendHex(out, c);
        }
    }

    private static void appendHex(StringBuilder out, int b) {
        out.append("\\x").append(HEX[b >> 4]).append(HEX[b & 15]);
    }
}
