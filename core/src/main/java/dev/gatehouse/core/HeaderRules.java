package dev.gatehouse.core;

import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import java.util.List;
import java.util.Set;

/** The interface's rules for response heads (RFC 9110 field syntax, no hop-by-hop fields). */
public final class HeaderRules {
    private HeaderRules() {
    }

    /** Connection-specific fields: the server's business, never the app's. */
    public static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) TCHAR[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TCHAR[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TCHAR[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TCHAR[c] = true;
    }

    public static boolean isTchar(int c) {
        return c >= 0 && c < 128 && TCHAR[c];
    }

    public static boolean isToken(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            if (!isTchar(s.charAt(i))) return false;
        }
        return true;
    }

    /** Field values: visible characters, SP, HTAB and obs-text; no CR, LF, NUL or other controls. */
    public static boolean isFieldValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F || c > 0xFF) return false;
        }
        return true;
    }

    public static boolean isHopByHop(String name) {
        return name.length() <= 19 && HOP_BY_HOP.contains(asciiLower(name));
    }

    public static String asciiLower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') chars[j] += 32;
                }
                return new String(chars);
            }
        }
        return s;
    }

    /** Throws {@link ContractViolationException} naming the first rule the head breaks. */
    public static void check(Status status, List<Header> headers) {
        if (status == null) throw new ContractViolationException("status is null");
        if (!isFieldValue(status.reason())) throw new ContractViolationException("status reason contains control characters: " + printable(status.reason()));
        if (headers == null) throw new ContractViolationException("headers list is null");
        for (Header h : headers) {
            if (h == null) throw new ContractViolationException("null header in the list");
            if (!isToken(h.name())) throw new ContractViolationException("header name is not a token: " + printable(h.name()));
            if (!isFieldValue(h.value())) throw new ContractViolationException("header " + h.name() + " has CR, LF, NUL or another control character in its value");
            if (isHopByHop(h.name())) throw new ContractViolationException("hop-by-hop header " + h.name() + " is the server's to send, not the application's");
        }
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c >= 0x7F) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    /** Parses a Content-Length value strictly (ASCII digits only, no sign), or returns -2 if malformed. */
    public static long parseLength(String s) {
        if (s.isEmpty() || s.length() > 18) return -2;
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -2;
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
