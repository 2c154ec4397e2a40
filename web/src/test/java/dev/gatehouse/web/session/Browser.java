package dev.gatehouse.web.session;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real HTTP client with a cookie jar, as a browser would keep one, talking to a {@link TestServer}. */
public final class Browser implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final TestServer server;
    private final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;

    public Browser(TestServer server) {
        this.server = server;
        this.client = HttpClient.newBuilder().cookieHandler(jar).connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
    }

    public HttpResponse<String> get(String target) throws IOException, InterruptedException {
        return send(request(target).GET());
    }

    /** POSTs {@code name, value, name, value...} as application/x-www-form-urlencoded. */
    public HttpResponse<String> post(String target, String... pairs) throws IOException, InterruptedException {
        return send(request(target).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(urlencoded(pairs))));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpRequest.Builder request(String target) {
        return HttpRequest.newBuilder(server.uri(target));
    }

    /** The value of the cookie {@code name} in the jar, or null. */
    public String cookie(String name) {
        for (HttpCookie c : jar.getCookieStore().getCookies()) {
            if (c.getName().equals(name)) return c.getValue();
        }
        return null;
    }

    /** Empties the jar, then puts the cookie {@code name} in it (to send a tampered or foreign one). */
    public void setCookie(String name, String value) {
        jar.getCookieStore().removeAll();
        HttpCookie c = new HttpCookie(name, value);
        c.setPath("/");
        c.setVersion(0);
        jar.getCookieStore().add(server.uri("/"), c);
    }

    public static String urlencoded(String... pairs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            parts.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    @Override
    public void close() {
        client.close();
    }
}
