package dev.gatehouse.core.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A bound, listening server socket (TCP or Unix-domain) in blocking mode. */
public final class Listener implements AutoCloseable {
    private final ListenAddress requested;
    private final ServerSocketChannel channel;
    private final ListenAddress bound;

    private Listener(ListenAddress requested, ServerSocketChannel channel, ListenAddress bound) {
        this.requested = requested;
        this.channel = channel;
        this.bound = bound;
    }

    /**
     * Binds {@code address}. A Unix socket file left behind by an earlier process is replaced
     * when nothing answers on it; the new socket is made readable and writable by its group.
     * {@code fd:0} ({@link ListenAddress#inherited()}) takes over the listening socket on standard
     * input instead, as it is (its owner chose the address, backlog and permissions).
     */
    public static Listener open(ListenAddress address, int backlog) throws IOException {
        if (address.isInherited()) return openInherited(address);
        if (address.isUnix()) return openUnix(address, backlog);
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(address.resolvedAddress(), backlog);
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
        return new Listener(address, ch, ListenAddress.tcp(address.host(), local.getPort()));
    }

    private static Listener openUnix(ListenAddress address, int backlog) throws IOException {
        Path path = address.unixPath();
        removeStaleSocket(path);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(address.toSocketAddress(), backlog);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        } catch (IOException | UnsupportedOperationException e) {
            ch.close();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        return new Listener(address, ch, address);
    }

    /**
     * The listening socket on file descriptor 0 ({@link System#inheritedChannel()}), TCP or Unix.
     * Closing the listener closes it but never removes its socket file: the process that bound
     * it owns that.
     */
    private static Listener openInherited(ListenAddress address) throws IOException {
        Channel inherited = System.inheritedChannel();
        if (!(inherited instanceof ServerSocketChannel ch)) {
            throw new IOException("cannot listen on " + address + ": standard input is "
                    + (inherited == null ? "not a socket" : "a socket that is not listening (" + inherited.getClass().getSimpleName() + ")")
                    + "; fd:0 is for a process started with a listening socket as its standard input "
                    + "(Apache mod_fcgid, lighttpd, spawn-fcgi, systemd StandardInput=socket)");
        }
        ch.configureBlocking(true);
        SocketAddress local = ch.getLocalAddress();
        ListenAddress bound = local instanceof InetSocketAddress inet
                ? ListenAddress.tcp(inet.getAddress().getHostAddress(), inet.getPort())
                : ListenAddress.unix(((UnixDomainSocketAddress) local).getPath());
        return new Listener(address, ch, bound);
    }

    private static void removeStaleSocket(Path path) throws IOException {
        if (!Files.exists(path)) return;
        if (Files.isRegularFile(path) || Files.isDirectory(path)) {
            throw new IOException("cannot listen on unix:" + path + ": a file that is not a socket is in the way");
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(java.net.UnixDomainSocketAddress.of(path));
            throw new IOException("cannot listen on unix:" + path + ": another process is listening there");
        } catch (java.net.ConnectException stale) {
            Files.deleteIfExists(path);
        }
    }

    public SocketChannel accept() throws IOException {
        return channel.accept();
    }

    /** The address actually bound (with the real port when 0 was asked for). */
    public ListenAddress address() {
        return bound;
    }

    public boolean isUnix() {
        return requested.isUnix();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        if (requested.isUnix()) Files.deleteIfExists(requested.unixPath());
    }
}
