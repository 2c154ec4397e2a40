package dev.gatehouse.fastcgi.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * Who may talk FastCGI to us: the protocol has no authentication, and whoever can send PARAMS
 * can claim any REMOTE_ADDR or HTTPS. Unix-socket peers pass (file permissions guard the socket);
 * TCP peers must be loopback, or in the configured list when there is one.
 */
final class FcgiPeerFilter {
    private final List<InetAddress> allowed;

    FcgiPeerFilter(List<InetAddress> allowed) {
        this.allowed = allowed;
    }

    boolean allows(SocketAddress peer) {
        if (!(peer instanceof InetSocketAddress inet)) return true;
        InetAddress address = inet.getAddress();
        if (allowed.isEmpty()) return address.isLoopbackAddress();
        return allowed.contains(address);
    }
}
