package dev.gatehouse.middleware;

/**
 * One hop named in a forwarding header: an RFC 7239 node ({@code 192.0.2.60},
 * {@code "[2001:db8::17]:4711"}, {@code unknown}, {@code _hidden}) or an X-Forwarded-For entry
 * (the same, or a bare IPv6 address).
 *
 * @param address the IP literal as written (IPv6 without brackets), or null when the hop is not
 *                an address: {@code unknown}, an obfuscated identifier, or something malformed
 * @param bytes the address's bytes, or null
 * @param port the port, when one was given as digits, else null
 */
record ForwardedNode(String address, byte[] bytes, String port) {
    private static final ForwardedNode NOT_AN_ADDRESS = new ForwardedNode(null, null, null);

    boolean isAddress() {
        return address != null;
    }

    /** Parses a node; {@code bareIpv6} accepts {@code 2001:db8::1} without brackets (X-Forwarded-For). */
    static ForwardedNode parse(String text, boolean bareIpv6) {
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) return NOT_AN_ADDRESS;
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) return NOT_AN_ADDRESS;
                port = rest.substring(1);
            }
            if (host.indexOf(':') < 0) return NOT_AN_ADDRESS;
        } else {
            int colon = text.indexOf(':');
            if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
                if (!bareIpv6) return NOT_AN_ADDRESS; // RFC 7239 section 6: IPv6 nodes are bracketed
            } else if (colon >= 0) {
                host = text.substring(0, colon);
                port = text.substring(colon + 1);
            }
        }
        if (port != null && !validPort(port)) return NOT_AN_ADDRESS;
        byte[] bytes = host.indexOf('%') >= 0 ? null : IpAddresses.parse(host);
        if (bytes == null) return NOT_AN_ADDRESS; // unknown, _obfuscated, or garbage: not an address
        return new ForwardedNode(host, bytes, port != null && port.startsWith("_") ? null : port);
    }

    /** {@code port} (1..65535, digits) or an obfuscated port ({@code _abc}). */
    private static boolean validPort(String port) {
        if (port.startsWith("_")) return isObfuscated(port);
        if (port.isEmpty() || port.length() > 5) return false;
        int n = 0;
        for (int i = 0; i < port.length(); i++) {
            char c = port.charAt(i);
            if (c < '0' || c > '9') return false;
            n = n * 10 + (c - '0');
        }
        return n <= 65535;
    }

    /** {@code "_" 1*(ALPHA / DIGIT / "." / "_" / "-")}. */
    static boolean isObfuscated(String s) {
        if (s.length() < 2 || s.charAt(0) != '_') return false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            if (!ok) return false;
        }
        return true;
    }
}
