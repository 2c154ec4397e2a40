package dev.gatehouse.cgi.client;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.Validator;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;
import dev.gatehouse.middleware.UrlMap;
import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import dev.gatehouse.testkit.peers.PeerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gatehouse's own HTTP server on 127.0.0.1 with a URL map that mounts a {@code cgi:} directory at
 * {@code /cgi-bin} (checked by a Validator), as {@code gatehouse serve --mount /cgi-bin=cgi:DIR}
 * builds it: local redirects dispatch through the map. Standard-error lines are kept for tests.
 */
final class CgiFront implements AutoCloseable {
    static final String MOUNT = "/cgi-bin";
    /** A bound on every exchange, so a hang fails the test instead of stalling it; never asserted on. */
    static final Duration BOUND = Duration.ofSeconds(30);

    /** One line a script wrote to standard error. */
    record StderrLine(String script, String request, String text) {
    }

    private final Http1Server server;
    private final CgiProxyApp app;
    private final Validator validator;
    final List<StderrLine> stderr;

    private CgiFront(Http1Server server, CgiProxyApp app, Validator validator, List<StderrLine> stderr) {
        this.server = server;
        this.app = app;
        this.validator = validator;
        this.stderr = stderr;
    }

    static CgiFront start(CgiTarget target, CgiClientConfig config) throws IOException {
        // The scripts include Python ones, and the helper is Python: skipped (or failed, in CI) without it.
        PeerProcess.require(CgiClientConfig.DEFAULTS.python(), "apt-get install python3");
        AtomicReference<Application> root = new AtomicReference<>();
        List<StderrLine> stderr = new CopyOnWriteArrayList<>();
        CgiProxyApp app = new CgiProxyApp(target, config, root::get, (script, request, text) -> stderr.add(new StderrLine(script, request, text)));
        Validator validator = new Validator();
        UrlMap map = UrlMap.of(Map.of(MOUNT, validator.wrap(app)));
        root.set(map);
        Http1Server server = new Http1Server(map, Http1Config.defaults());
        try {
            server.listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        } catch (IOException | RuntimeException e) {
            app.close();
            throw e;
        }
        return new CgiFront(server, app, validator, stderr);
    }

    CgiProxyApp app() {
        return app;
    }

    Validator validator() {
        return validator;
    }

    int port() {
        return server.addresses().get(0).port();
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port());
    }

    RawHttpClient connect() throws IOException {
        return RawHttpClient.connect(address(), BOUND);
    }

    /** GET {@code target} on a connection of its own, with {@code headers} ("Name: value") added. */
    RawResponse get(String target, String... headers) throws IOException {
        return exchange("GET", target, headers, null);
    }

    RawResponse post(String target, byte[] body, String... headers) throws IOException {
        return exchange("POST", target, headers, body);
    }

    /** One request, Connection: close; the same bytes as {@link #request(java.net.InetSocketAddress, String, String, String[], byte[])} sends anywhere. */
    RawResponse exchange(String method, String target, String[] headers, byte[] body) throws IOException {
        return request(address(), method, target, headers, body);
    }

    /** Sends one request with fixed headers (Host, User-Agent, Accept, Connection: close) to any server. */
    static RawResponse request(InetSocketAddress to, String method, String target, String[] headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(to.getPort()).append("\r\n")
                .append("User-Agent: gatehouse-cgi-test\r\nAccept: */*\r\nConnection: close\r\n");
        for (String h : headers) head.append(h).append("\r\n");
        if (body != null) head.append("Content-Length: ").append(body.length).append("\r\n");
        head.append("\r\n");
        try (RawHttpClient client = RawHttpClient.connect(to, BOUND)) {
            client.send(head.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            if (body != null) client.send(body);
            return client.readResponse(method);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        app.close();
    }
}
