package dev.gatehouse.web.session;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.Validator;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;
import java.io.IOException;
import java.net.URI;

/** Gatehouse's HTTP/1.1 server on a free loopback port, the app inside the contract Validator, for the session, CSRF and form tests. */
public final class TestServer implements AutoCloseable {
    private final Http1Server server;
    private final int port;

    public TestServer(Application app) throws IOException {
        server = new Http1Server(Validator.validate(app), Http1Config.defaults()).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        port = server.addresses().getFirst().port();
    }

    public URI uri(String target) {
        return URI.create("http://127.0.0.1:" + port + target);
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
