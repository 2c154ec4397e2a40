package dev.gatehouse.scgi.client;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;
import dev.gatehouse.middleware.UrlMap;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gatehouse's own HTTP server on 127.0.0.1 with a URL map in front of the mounts a test gives,
 * as {@code gatehouse serve --mount} builds it; local redirects dispatch through the map.
 */
final class GatehouseFront implements AutoCloseable {
    /** A bound on every HTTP exchange, so a hang fails the test instead of stalling it; never asserted on. */
    static final Duration BOUND = Duration.ofSeconds(30);

    private final Http1Server server;
    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(BOUND).build();

    private GatehouseFront(Http1Server server) {
        this.server = server;
        ListenAddress bound = server.addresses().get(0);
        this.base = "http://127.0.0.1:" + bound.port();
    }

    /** Serves {@code mounts} behind a URL map. */
    static GatehouseFront start(Map<String, Application> mounts) throws IOException {
        Http1Server server = new Http1Server(UrlMap.of(mounts), Http1Config.defaults());
        server.listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        return new GatehouseFront(server);
    }

    /** A root holder for proxies built before the map that contains them. */
    static final class Root {
        final AtomicReference<Application> app = new AtomicReference<>();
    }

    static GatehouseFront start(Root root, Map<String, Application> mounts) throws IOException {
        UrlMap map = UrlMap.of(mounts);
        root.app.set(map);
        Http1Server server = new Http1Server(map, Http1Config.defaults());
        server.listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        return new GatehouseFront(server);
    }

    String url(String path) {
        return base + path;
    }

    int port() {
        return server.addresses().get(0).port();
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(BOUND);
        if (headers.length > 0) b.headers(headers);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(BOUND).POST(body)
                .header("Content-Type", "application/octet-stream").build(), HttpResponse.BodyHandlers.ofString());
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
