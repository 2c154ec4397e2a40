package dev.gatehouse.http1.client;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.core.Validator;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Gatehouse's own HTTP server on 127.0.0.1 (the front) with one mount, the way
 * {@code --mount /app=http://...} sets it up: requests under the mount reach the proxy with the
 * mount in SCRIPT_NAME and the rest in PATH_INFO, others get a 404. The proxy runs inside a
 * {@link Validator}, so every breach of the interface by the proxy is recorded.
 */
final class ProxyFront implements AutoCloseable {
    /** A bound on every HTTP exchange, so a hang fails the test instead of stalling it; never asserted on. */
    static final Duration BOUND = Duration.ofSeconds(30);

    private final Http1Server server;
    private final Validator validator;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(BOUND).build();

    private ProxyFront(Http1Server server, Validator validator) {
        this.server = server;
        this.validator = validator;
    }

    static ProxyFront start(String mount, Application proxy) throws IOException {
        Validator validator = new Validator();
        Http1Server server = new Http1Server(mounted(mount, validator.wrap(proxy)), Http1Config.defaults());
        server.listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        return new ProxyFront(server, validator);
    }

    /** {@code app} under {@code mount}: SCRIPT_NAME gets the mount, PATH_INFO keeps the rest. */
    static Application mounted(String mount, Application app) {
        return (environ, start) -> {
            String path = environ.pathInfo();
            if (!path.equals(mount) && !path.startsWith(mount + "/")) {
                start.start(Status.NOT_FOUND, List.of(Header.of("Content-Length", "0")));
                return Body.empty();
            }
            Environ inner = environ.copy();
            inner.put(EnvironKeys.SCRIPT_NAME, environ.scriptName() + mount);
            inner.put(EnvironKeys.PATH_INFO, path.substring(mount.length()));
            return app.call(inner, start);
        };
    }

    int port() {
        return server.addresses().get(0).port();
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port());
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The breaches of the interface the proxy committed (the application side of the Validator). */
    List<String> proxyViolations() {
        return validator.violations().stream().map(Throwable::getMessage).filter(m -> m.startsWith("application:")).toList();
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return client.send(request(path, headers).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path, String... headers) throws IOException, InterruptedException {
        return client.send(request(path, headers).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(BOUND);
        if (headers.length > 0) b.headers(headers);
        return b;
    }

    HttpClient client() {
        return client;
    }

    @Override
    public void close() {
        server.shutdown();
        client.close();
    }
}
