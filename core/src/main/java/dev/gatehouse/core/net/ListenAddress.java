package dev.gatehouse.core.net;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Where a listener binds: {@code HOST:PORT} ({@code [::1]:8080} for IPv6) or {@code unix:PATH};
 * or, for a listener only, {@code fd:0}: the listening socket the process was handed as its
 * standard input (the FastCGI convention of Apache mod_fcgid, lighttpd and spawn-fcgi, and
 * systemd's {@code StandardInput=socket}), see {@link #inherited()}.
 *
 * @param host the host for TCP, null for a Unix socket or {@code fd:0}
 * @param port the TCP port (0 picks a free one), -1 for a Unix socket or {@code fd:0}
 * @param unixPath the socket file for a Unix socket, null for TCP or {@code fd:0}
 */
public record ListenAddress(String host, int port, Path unixPath) {
    /** The spelling of {@link #inherited()}: the socket on file descriptor 0. */
    public static final String INHERITED = "fd:0";

    public static ListenAddress tcp(String host, int port) {
        return new ListenAddress(host, port, null);
    }

    public static ListenAddress unix(Path path) {
        return new ListenAddress(null, -1, path);
    }

    public boolean isUnix() {
        return unixPath != null;
    }

    /**
     * The listening socket handed to this process as its standard input ({@code fd:0}), which
     * {@link Listener#open} takes over instead of binding. Only a listener can have it: it has no
     * address to connect to, so {@link #parse} (which backend targets use too) never returns it;
     * {@link #parseListen} does.
     */
    public static ListenAddress inherited() {
        return new ListenAddress(null, -1, null);
    }

    /** True for {@link #inherited()} ({@code fd:0}). */
    public boolean isInherited() {
        return host == null && unixPath == null;
    }

    /** What a server may listen on: {@link #parse}'s forms, or {@code fd:0} ({@link #inherited()}). */
    public static ListenAddress parseListen(String spec) {
        if (spec.equals(INHERITED)) return inherited();
        if (spec.startsWith("fd:")) {
            throw new IllegalArgumentException("only fd:0 (a listening socket handed over as standard input) can be inherited, got '" + spec + "'");
        }
        return parse(spec);
    }

    /** Parses {@code HOST:PORT}, {@code [V6]:PORT} or {@code unix:PATH}; throws with a message naming the problem. */
    public static ListenAddress parse(String spec) {
        if (spec.startsWith("unix:")) {
            String path = spec.substring(5);
            if (path.isEmpty()) throw new IllegalArgumentException("unix: needs a socket path, as in unix:/run/gatehouse.sock");
            return unix(Path.of(path));
        }
        int colon = spec.lastIndexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT or unix:PATH, got '" + spec + "'");
        }
        String host = spec.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        String portText = spec.substring(colon + 1);
        int port = 0;
        for (int i = 0; i < portText.length(); i++) {
            char c = portText.charAt(i);
            if (c < '0' || c > '9' || i > 4) throw new IllegalArgumentException("bad port in '" + spec + "'");
            port = port * 10 + (c - '0');
        }
        if (port > 65535) throw new IllegalArgumentException("port out of range in '" + spec + "'");
        return tcp(host, port);
    }

    public SocketAddress toSocketAddress() {
        if (isInherited()) throw new IllegalStateException(INHERITED + " is a socket handed over on standard input: it has no address to bind or connect to");
        return isUnix() ? UnixDomainSocketAddress.of(unixPath) : new InetSocketAddress(host, port);
    }

    /**
     * The address to bind or connect to, its host name looked up now (each new backend connection
     * looks again, so a backend whose name moves is followed).
     *
     * @throws UnknownHostException if the name does not resolve
     */
    public SocketAddress resolvedAddress() throws UnknownHostException {
        SocketAddress address = toSocketAddress();
        if (address instanceof InetSocketAddress inet && inet.isUnresolved()) throw new UnknownHostException("unknown host " + host);
        return address;
    }

    @Override
    public String toString() {
        if (isUnix()) return "unix:" + unixPath;
        if (isInherited()) return INHERITED;
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
