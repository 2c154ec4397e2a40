package dev.gatehouse.uwsgi.server;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.core.ResponseHead;
import dev.gatehouse.core.cgi.CgiResponseEncoder;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.stream.StreamServer;
import dev.gatehouse.core.stream.StreamServerConfig;
import java.io.IOException;
import java.util.List;

/**
 * The uwsgi server: serves an {@link Application} to a web server speaking the uwsgi protocol
 * (nginx {@code uwsgi_pass}, Apache mod_proxy_uwsgi, uWSGI's own routers), one request per
 * connection, over TCP or a Unix socket. The request is read by {@link UwsgiRequestReader}; the
 * response goes back as an HTTP status line, headers and the body, ended by closing the connection,
 * which is what those web servers expect of a uwsgi backend. Listeners, limits, timeouts and the
 * graceful shutdown are core's {@link StreamServer}.
 */
public final class UwsgiServer implements AutoCloseable {
    public static final String PROTOCOL = "uwsgi";
    private final StreamServer server;

    public UwsgiServer(Application app, StreamServerConfig config) {
        this.server = new StreamServer(PROTOCOL, app, config, new UwsgiRequestReader(config), UwsgiServer::encodeHead);
    }

    /** The response head: {@code HTTP/1.x NNN Reason}, the headers, a blank line. */
    static byte[] encodeHead(ResponseHead head, Environ environ) {
        return CgiResponseEncoder.encodeStatusLineHead(head, environ.getString(EnvironKeys.SERVER_PROTOCOL));
    }

    /** Binds a listener (call before {@link #start()}); several may be added. */
    public UwsgiServer listen(ListenAddress address) throws IOException {
        server.listen(address);
        return this;
    }

    /** Starts accepting on every listener; returns at once. */
    public UwsgiServer start() {
        server.start();
        return this;
    }

    /** The bound addresses (real ports when 0 was asked for). */
    public List<ListenAddress> addresses() {
        return server.addresses();
    }

    public StreamServerConfig config() {
        return server.config();
    }

    /** Graceful stop: stop accepting, let requests in flight finish within the grace period, then cut. */
    public void shutdown() {
        server.shutdown();
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        shutdown();
    }
}
