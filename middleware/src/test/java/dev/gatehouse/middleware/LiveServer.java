package dev.gatehouse.middleware;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;
import dev.gatehouse.testkit.RawHttpClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;

/** Gatehouse's HTTP/1.1 server on a free loopback port, for tests that go over the wire. */
final class LiveServer implements AutoCloseable {
    private final Http1Server server;
    private final int port;

    LiveServer(Application app) throws IOException {
        server = new Http1Server(app, Http1Config.defaults()).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        port = server.addresses().getFirst().port();
    }

    URI uri(String target) {
        return URI.create("http://127.0.0.1:" + port + target);
    }

    int port() {
        return port;
    }

    RawHttpClient connect() throws IOException {
        return RawHttpClient.connect(new InetSocketAddress("127.0.0.1", port));
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
