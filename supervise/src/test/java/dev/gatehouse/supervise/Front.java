package dev.gatehouse.supervise;

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
final class Front implements AutoCloseable {
    /** A bound on every HTTP exchange, so a hang fails the test instead of stalling it; never asserted on. */
    static final Duration BOUND = Duration.ofSeconds(60);

    private final Http1Server server;
    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(BOUND).build();

    private Front(Http1Server server) {
        this.server = server;
        this.base = "http://127.0.0.1:" + server.addresses().get(0).port();
    }

    /** The root application, for proxies built before the map that holds them. */
    static final class Root {
        final AtomicReference<Application> app = new AtomicReference<>();
    }

    static Front start(Root root, Map<String, Application> mounts) throws IOException {
        UrlMap map = UrlMap.of(mounts);
        root.app.set(map);
        Http1Server server = new Http1Server(map, Http1Config.defaults());
        server.listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        return new Front(server);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(BOUND).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.shutdown();
        client.close();
    }
}
