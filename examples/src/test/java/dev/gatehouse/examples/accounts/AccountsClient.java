package dev.gatehouse.examples.accounts;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client that behaves like a browser on the account app, over real HTTP: it keeps cookies,
 * does not follow redirects (tests check the 303s), and posts forms with the CSRF token of the
 * last page it read.
 */
final class AccountsClient implements AutoCloseable {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final URI base;
    private final HttpClient http;
    private String csrf;

    /** @param base the app's root, e.g. {@code http://127.0.0.1:8080/accounts} (no trailing slash) */
    AccountsClient(URI base) {
        this.base = base;
        CookieManager cookies = new CookieManager();
        cookies.setCookiePolicy(CookiePolicy.ACCEPT_ALL);
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return remember(http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** Posts {@code fields} with the CSRF token of the last page read. */
    HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>();
        if (csrf != null) all.put("_csrf", csrf);
        all.putAll(fields);
        return postRaw(path, all);
    }

    /** Posts exactly {@code fields}: no token added. */
    HttpResponse<String> postRaw(String path, Map<String, String> fields) throws IOException, InterruptedException {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return remember(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** Logs in as admin (reading the login page for its token first); returns the 303's response. */
    HttpResponse<String> logIn(String password) throws IOException, InterruptedException {
        get("/admin/login");
        return post("/admin/login", Map.of("password", password));
    }

    /** The path of a 303's Location within the app (base removed), for comparison. */
    String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location header"));
        String basePath = base.getRawPath();
        return location.startsWith(basePath) ? location.substring(basePath.length()) : location;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        Matcher m = CSRF.matcher(response.body());
        if (m.find()) csrf = m.group(1);
        return response;
    }

    @Override
    public void close() {
        http.close();
    }
}
