package dev.gatehouse.scgi.server;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.cgi.CgiResponseEncoder;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.stream.StreamServer;
import dev.gatehouse.core.stream.StreamServerConfig;
import java.io.IOException;
import java.util.List;

/**
 * The SCGI server: serves an application to a web server in front (nginx {@code scgi_pass},
 * Apache mod_proxy_scgi) over TCP or Unix-domain listeners. One request per connection: the
 * header netstring ({@link ScgiRequestReader}), the body as exactly CONTENT_LENGTH bytes, then
 * the response as a CGI head ({@code Status:} header, RFC 3875 6.3) and the body, ended by closing
 * the connection. Everything else (timeouts, limits, who may connect: loopback and Unix-socket
 * peers unless {@code allowedPeers} says otherwise, graceful shutdown) is core's {@link StreamServer}.
 */
public final class ScgiServer implements AutoCloseable {
    private final ScgiConfig config;
    private final StreamServer server;

    public ScgiServer(Application app, StreamServerConfig config) {
        this(app, ScgiConfig.of(config));
    }

    public ScgiServer(Application app, ScgiConfig config) {
        this.config = config;
        this.server = new StreamServer("SCGI", app, config.stream(), new ScgiRequestReader(config),
                (head, environ) -> CgiResponseEncoder.encodeHead(head));
    }

    /** Binds a listener (call before {@link #start()}); several may be added. */
    public ScgiServer listen(ListenAddress address) throws IOException {
        server.listen(address);
        return this;
    }

    /** Starts accepting on every listener; returns at once. */
    public ScgiServer start() {
        server.start();
        return this;
    }

    /** The bound addresses (real ports when 0 was asked for). */
    public List<ListenAddress> addresses() {
        return server.addresses();
    }

    public ScgiConfig config() {
        return config;
    }

    /** Graceful stop: stop accepting, let requests in flight finish within the grace period, then cut. */
    public void shutdown() {
        server.shutdown();
    }

    /** Blocks until the server has stopped. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() {
        shutdown();
    }
}
