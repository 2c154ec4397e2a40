package dev.gatehouse.uwsgi.client;

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

/** Gatehouse's own HTTP server on 127.0.0.1 with a URL map of the mounts a test gives, as {@code gatehouse serve --mount} builds it. */
final class GatehouseFront implements AutoCloseable {
    /** A bound on every HTTP exchange, so a hang fails the test instead of stalling it; never asserted on. */
    static final Duration BOUND = Duration.ofSeconds(30);

    private final Http1Server server;
    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(BOUND).build();

    private GatehouseFront(Http1Server server) {
        this.server = server;
        this.base = "http://127.0.0.1:" + server.addresses().getFirst().port();
    }

    static GatehouseFront start(Map<String, Application> mounts) throws IOException {
        Http1Server server = new Http1Server(UrlMap.of(mounts), Http1Config.defaults());
        server.listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        return new GatehouseFront(server);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(BOUND);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        return client.send(request, handler);
    }

    @Override
    public void close() {
        server.shutdown();
        client.close();
    }
}
