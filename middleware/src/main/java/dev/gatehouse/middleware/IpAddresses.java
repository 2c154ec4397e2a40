package dev.gatehouse.middleware;

/**
 * Strict parsing of IP address literals into their bytes, without {@code InetAddress.getByName}
 * (which resolves anything that is not a literal through DNS, and accepts BSD forms such as
 * {@code 10.1} or octal-looking {@code 010.0.0.1}).
 * <ul>
 *   <li>IPv4: four decimal parts 0..255, no leading zeros, no sign;</li>
 *   <li>IPv6: RFC 4291 section 2.2 text, {@code ::} once, an IPv4 tail allowed, a {@code %zone}
 *       suffix ignored.</li>
 * </ul>
 * An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) comes back as its four IPv4 bytes, so
 * both spellings of one peer match the same CIDR blocks.
 */
final class IpAddresses {
    private IpAddresses() {
    }

    /** The address bytes (4 or 16), or null if {@code text} is not an IP literal. */
    static byte[] parse(String text) {
        if (text == null || text.isEmpty()) return null;
        byte[] bytes = text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
        return bytes == null ? null : unmapped(bytes);
    }

    static byte[] parseV4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int i = 0;
        while (true) {
            int start = i;
            int value = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) return null;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && s.charAt(start) == '0')) return null;
            out[part++] = (byte) value;
            if (part == 4) return i == s.length() ? out : null;
            if (i >= s.length() || s.charAt(i) != '.') return null;
            i++;
        }
    }

    static byte[] parseV6(String text) {
        int zone = text.indexOf('%');
        String s = zone >= 0 ? text.substring(0, zone) : text;
        if (zone >= 0 && zone == text.length() - 1) return null;
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) return null;
        int[] head = gap >= 0 ? groups(s.substring(0, gap), false) : groups(s, true);
        int[] tail = gap >= 0 ? groups(s.substring(gap + 2), true) : new int[0];
        if (head == null || tail == null) return null;
        int total = head.length + tail.length;
        if (gap < 0 ? total != 8 : total > 7) return null;
        byte[] out = new byte[16];
        for (int g = 0; g < head.length; g++) putGroup(out, g, head[g]);
        for (int g = 0; g < tail.length; g++) putGroup(out, 8 - tail.length + g, tail[g]);
        return out;
    }

    /** The 16-bit groups of a colon-separated run (empty text: none); an IPv4 tail counts as two. */
    private static int[] groups(String s, boolean ipv4TailAllowed) {
        if (s.isEmpty()) return new int[0];
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int p = 0; p < parts.length; p++) {
            String part = parts[p];
            if (p == parts.length - 1 && ipv4TailAllowed && part.indexOf('.') >= 0) {
                byte[] v4 = parseV4(part);
                if (v4 == null) return null;
                out[n++] = (v4[0] & 0xFF) << 8 | (v4[1] & 0xFF);
                out[n++] = (v4[2] & 0xFF) << 8 | (v4[3] & 0xFF);
                continue;
            }
            if (part.isEmpty() || part.length() > 4) return null;
            int value = 0;
            for (int i = 0; i < part.length(); i++) {
                int d = hex(part.charAt(i));
                if (d < 0) return null;
                value = value << 4 | d;
            }
            out[n++] = value;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private static void putGroup(byte[] out, int group, int value) {
        out[2 * group] = (byte) (value >> 8);
        out[2 * group + 1] = (byte) value;
    }

    private static byte[] unmapped(byte[] bytes) {
        if (bytes.length != 16) return bytes;
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) return bytes;
        }
        if (bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) return bytes;
        return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
    }
}
