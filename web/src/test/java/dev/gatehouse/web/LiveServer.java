package dev.gatehouse.web;

import dev.gatehouse.api.Application;
import dev.gatehouse.core.Validator;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.http1.server.Http1Config;
import dev.gatehouse.http1.server.Http1Server;
import dev.gatehouse.testkit.RawHttpClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Gatehouse's HTTP/1.1 server on a free loopback port, the app inside the contract Validator, with a java.net.http client. */
public final class LiveServer implements AutoCloseable {
    private final Http1Server server;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public LiveServer(Application app) throws IOException {
        server = new Http1Server(Validator.validate(app), Http1Config.defaults()).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
        port = server.addresses().getFirst().port();
    }

    public URI uri(String target) {
        return URI.create("http://127.0.0.1:" + port + target);
    }

    public int port() {
        return port;
    }

    public HttpRequest.Builder request(String target) {
        return HttpRequest.newBuilder(uri(target)).timeout(Duration.ofSeconds(20));
    }

    public HttpResponse<String> get(String target) throws IOException, InterruptedException {
        return send(request(target).GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> sendForBytes(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> postForm(String target, String urlencoded) throws IOException, InterruptedException {
        return send(request(target).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(urlencoded)).build());
    }

    public RawHttpClient connect() throws IOException {
        return RawHttpClient.connect(new InetSocketAddress("127.0.0.1", port));
    }

    @Override
    public void close() {
        client.close();
        server.shutdown();
    }
}
