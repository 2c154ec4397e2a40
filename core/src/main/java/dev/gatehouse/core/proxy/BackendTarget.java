package dev.gatehouse.core.proxy;

import dev.gatehouse.core.net.ListenAddress;
import java.util.Objects;

/**
 * A backend named by a mount: {@code SCHEME://HOST:PORT} ({@code [::1]:PORT} for IPv6) or
 * {@code SCHEME:unix:PATH}, as in {@code scgi://127.0.0.1:4000} or {@code uwsgi:unix:/run/app.sock}.
 *
 * @param scheme the protocol's scheme, lower case ({@code scgi}, {@code uwsgi})
 * @param address where the backend listens: a TCP port (never 0) or a Unix socket
 */
public record BackendTarget(String scheme, ListenAddress address) {
    public BackendTarget {
        checkScheme(scheme);
        Objects.requireNonNull(address, "address");
        if (!address.isUnix() && address.port() < 1) throw new IllegalArgumentException("port " + address.port() + " is not a backend port");
    }

    /**
     * Parses {@code SCHEME://HOST:PORT} or {@code SCHEME:unix:PATH}.
     *
     * @throws IllegalArgumentException naming the expected forms, or the problem (port 0, a bad port)
     */
    public static BackendTarget parse(String scheme, String spec) {
        checkScheme(scheme);
        String usage = "expected " + scheme + "://HOST:PORT ([::1]:PORT for IPv6) or " + scheme + ":unix:PATH, got '" + spec + "'";
        if (!spec.startsWith(scheme + ":")) throw new IllegalArgumentException(usage);
        String where = spec.substring(scheme.length() + 1);
        ListenAddress address;
        if (where.startsWith("//")) {
            String hostPort = where.substring(2);
            if (hostPort.isEmpty() || hostPort.startsWith("unix:") || !isHostPortText(hostPort)) throw new IllegalArgumentException(usage);
            address = parseAddress(hostPort, usage);
            String host = address.host();
            if (host.isEmpty() || host.indexOf('[') >= 0 || host.indexOf(']') >= 0) throw new IllegalArgumentException(usage);
            if (address.port() == 0) throw new IllegalArgumentException("port 0 is not a backend port in '" + spec + "'");
        } else if (where.startsWith("unix:") && where.length() > "unix:".length()) {
            address = parseAddress(where, usage);
        } else {
            throw new IllegalArgumentException(usage);
        }
        return new BackendTarget(scheme, address);
    }

    private static ListenAddress parseAddress(String text, String usage) {
        try {
            return ListenAddress.parse(text);
        } catch (IllegalArgumentException e) { // InvalidPathException included
            throw new IllegalArgumentException(usage + " (" + e.getMessage() + ")", e);
        }
    }

    /** No path, query, user info or white space after {@code //}: just a host and a port. */
    private static boolean isHostPortText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7F || c == '/' || c == '?' || c == '#' || c == '@') return false;
        }
        return true;
    }

    private static void checkScheme(String scheme) {
        Objects.requireNonNull(scheme, "scheme");
        boolean ok = !scheme.isEmpty();
        for (int i = 0; ok && i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            ok = (c >= 'a' && c <= 'z') || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
        }
        if (!ok) throw new IllegalArgumentException("a backend scheme is lower-case letters, digits, '+', '-' or '.', got '" + scheme + "'");
    }

    /** {@code SCHEME://HOST:PORT} or {@code SCHEME:unix:PATH}; {@link #parse} reads it back. */
    @Override
    public String toString() {
        return address.isUnix() ? scheme + ":" + address : scheme + "://" + address;
    }
}
