package dev.gatehouse.middleware.files;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.ContractViolationException;
import dev.gatehouse.core.Validator;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;
import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/** An app inside the core's {@link Validator}, behind a real {@link Http1Server} on a loopback port. */
final class FilesServer implements AutoCloseable {
    private final Validator validator = new Validator();
    private final Http1Server server;

    FilesServer(Application app) throws IOException {
        server = new Http1Server(validator.wrap(app), Http1Config.defaults()).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
    }

    int port() {
        return server.addresses().getFirst().port();
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port());
    }

    String url(String target) {
        return "http://127.0.0.1:" + port() + target;
    }

    /** One request on a fresh connection; each extra argument is a whole header line. */
    RawResponse request(String method, String target, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
        for (String line : headerLines) request.append(line).append("\r\n");
        request.append("\r\n");
        try (RawHttpClient client = RawHttpClient.connect(address())) {
            client.send(request.toString());
            return client.readFinalResponse(method);
        }
    }

    /** One request with a body (its Content-Length added) on a fresh connection. */
    RawResponse requestWithBody(String method, String target, String body, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
        for (String line : headerLines) request.append(line).append("\r\n");
        request.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        try (RawHttpClient client = RawHttpClient.connect(address())) {
            client.send(request.toString());
            return client.readFinalResponse(method);
        }
    }

    RawResponse get(String target, String... headerLines) throws IOException {
        return request("GET", target, headerLines);
    }

    List<ContractViolationException> violations() {
        return validator.violations();
    }

    @Override
    public void close() {
        server.close();
    }
}
