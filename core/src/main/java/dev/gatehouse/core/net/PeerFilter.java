package dev.gatehouse.core.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * Who may talk a gateway protocol (FastCGI, SCGI, uwsgi) to us: these protocols have no
 * authentication, and whoever can send the variables can claim any REMOTE_ADDR or HTTPS. Unix-socket peers pass (file permissions guard the socket);
 * TCP peers must be loopback, or in the configured list when there is one.
 */
public final class PeerFilter {
    private final List<InetAddress> allowed;

    public PeerFilter(List<InetAddress> allowed) {
        this.allowed = allowed;
    }

    public boolean allows(SocketAddress peer) {
        if (!(peer instanceof InetSocketAddress inet)) return true;
        InetAddress address = inet.getAddress();
        if (allowed.isEmpty()) return address.isLoopbackAddress();
        return allowed.contains(address);
    }
}
