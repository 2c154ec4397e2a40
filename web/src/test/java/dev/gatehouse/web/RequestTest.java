package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestTest {

    public record Person(String name, int age) {}

    private static WebApp app(WebConfig config) {
        return new WebApp(config)
                .route("GET", "/params", req -> "a=" + req.params("a") + " b=" + req.param("b") + " c=" + req.param("c", "none"))
                .route("POST", "/params", req -> "a=" + req.params("a") + " b=" + req.param("b") + " q=" + req.queryParams("a"))
                .post("/json", req -> {
                    Person p = req.json(Person.class);
                    return Response.json(new Person(p.name().toUpperCase(java.util.Locale.ROOT), p.age() + 1));
                })
                .post("/raw", req -> "got " + req.body().length + " bytes")
                .get("/cookies", req -> "session=" + req.cookie("session") + " all=" + req.cookies())
                .get("/who", req -> req.clientAddress() + " " + req.header("User-Agent") + " " + req.method())
                .get("/urls", req -> req.url("/users/Zoë?tab=1") + " " + req.absoluteUrl("/x"));
    }

    @Test
    void queryParametersDecodeUtf8AndPlus() throws Exception {
        try (LiveServer server = new LiveServer(app(WebConfig.defaults()))) {
            assertThat(server.get("/params?a=1&a=Zo%C3%AB+x&b=&c").body()).isEqualTo("a=[1, Zoë x] b= c=");
            assertThat(server.get("/params").body()).isEqualTo("a=[] b=null c=none");
        }
    }

    @Test
    void formParametersFollowQueryParameters() throws Exception {
        try (LiveServer server = new LiveServer(app(WebConfig.defaults()))) {
            HttpResponse<String> r = server.postForm("/params?a=fromQuery", "a=fromForm&b=%E2%82%AC+5");
            assertThat(r.body()).isEqualTo("a=[fromQuery, fromForm] b=€ 5 q=[fromQuery]");
        }
    }

    @Test
    void invalidEncodingIs400NamingTheField() throws Exception {
        try (LiveServer server = new LiveServer(app(WebConfig.defaults()))) {
            HttpResponse<String> badUtf8 = server.postForm("/params", "b=%C3%28");
            assertThat(badUtf8.statusCode()).isEqualTo(400);
            assertThat(badUtf8.body()).contains("invalid UTF-8 in the form body (field &#39;b&#39;)");
        }
        try (LiveServer server = new LiveServer(app(WebConfig.defaults())); RawHttpClient client = server.connect()) {
            client.send("GET /params?a=%G1 HTTP/1.1\r\nHost: t\r\n\r\n");
            RawResponse badEscape = client.readResponse();
            assertThat(badEscape.status()).isEqualTo(400);
            assertThat(new String(badEscape.body(), StandardCharsets.UTF_8)).contains("malformed percent escape in the query string");
        }
    }

    @Test
    void oversizedFormIs413NamingTheLimit() throws Exception {
        try (LiveServer server = new LiveServer(app(WebConfig.defaults().withMaxFormBytes(100)))) {
            HttpResponse<String> r = server.postForm("/params", "a=" + "x".repeat(200));
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).contains("request body exceeds maxFormBytes (100 bytes)");
        }
    }

    @Test
    void formWithTooManyFieldsIs413NamingTheLimit() throws Exception {
        try (LiveServer server = new LiveServer(app(WebConfig.defaults().withMaxFormFields(3)))) {
            assertThat(server.postForm("/params", "a=1&a=2&b=3").body()).isEqualTo("a=[1, 2] b=3 q=[]");
            HttpResponse<String> r = server.postForm("/params", "a=1&a=2&b=3&&&c");
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).contains("the form body has more than maxFormFields (3) fields");
        }
        // the default: a megabyte of '&' (half a million empty fields) is refused at the 1001st
        try (LiveServer server = new LiveServer(app(WebConfig.defaults()))) {
            assertThat(server.postForm("/params", "a&".repeat(500_000)).statusCode()).isEqualTo(413);
        }
    }

    @Test
    void oversizedChunkedBodyIs413WhileReading() throws Exception {
        try (LiveServer server = new LiveServer(app(WebConfig.defaults().withMaxBodyBytes(1000)));
             RawHttpClient client = server.connect()) {
            String chunk = "x".repeat(600);
            client.send("POST /raw HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(600) + "\r\n" + chunk + "\r\n" + Integer.toHexString(600) + "\r\n" + chunk + "\r\n0\r\n\r\n");
            RawResponse r = client.readResponse();
            assertThat(r.status()).isEqualTo(413);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("request body exceeds maxBodyBytes (1000 bytes)");
        }
        try (LiveServer server = new LiveServer(app(WebConfig.defaults().withMaxBodyBytes(1000)))) {
            HttpResponse<String> ok = server.send(server.request("/raw").POST(HttpRequest.BodyPublishers.ofString("y".repeat(1000))).build());
            assertThat(ok.body()).isEqualTo("got 1000 bytes");
        }
    }

    @Test
    void jsonBodyOverMaxFormBytesIs413() throws Exception {
        String json = "{\"name\":\"" + "n".repeat(200) + "\",\"age\":1}";
        try (LiveServer server = new LiveServer(app(WebConfig.defaults().withMaxFormBytes(100)))) {
            HttpResponse<String> r = server.send(server.request("/json").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build());
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.body()).contains("request body exceeds maxFormBytes (100 bytes)");
            // the raw body is bounded by maxBodyBytes only
            assertThat(server.send(server.request("/raw").POST(HttpRequest.BodyPublishers.ofString(json)).build()).body())
                    .isEqualTo("got " + json.length() + " bytes");
        }
    }

    @Test
    void jsonBodyIsMappedAndMalformedJsonIs400() throws Exception {
        try (LiveServer server = new LiveServer(app(WebConfig.defaults()))) {
            HttpResponse<String> ok = server.send(server.request("/json").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ann\",\"age\":41}")).build());
            assertThat(ok.body()).isEqualTo("{\"name\":\"ANN\",\"age\":42}");
            HttpResponse<String> bad = server.send(server.request("/json").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"ann\",\n \"age\": }")).build());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("malformed JSON body at line 2");
            HttpResponse<String> empty = server.send(server.request("/json").POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(empty.statusCode()).isEqualTo(400);
            assertThat(empty.body()).contains("empty JSON body");
        }
    }

    @Test
    void cookiesAreParsedFirstOneWinning() throws Exception {
        try (LiveServer server = new LiveServer(app(WebConfig.defaults()))) {
            HttpResponse<String> r = server.send(server.request("/cookies")
                    .header("Cookie", "session=abc; theme=\"dark\"; bad name=x; session=second").build());
            assertThat(r.body()).isEqualTo("session=abc all={session=abc, theme=dark}");
        }
    }

    @Test
    void headersMethodAndClientAddress() throws Exception {
        try (LiveServer server = new LiveServer(app(WebConfig.defaults()))) {
            HttpResponse<String> r = server.send(server.request("/who").header("User-Agent", "probe/1").build());
            assertThat(r.body()).isEqualTo("127.0.0.1 probe/1 GET");
        }
    }

    @Test
    void urlsRespectScriptName() throws Exception {
        WebApp root = new WebApp().mount("/app", app(WebConfig.defaults()));
        try (LiveServer server = new LiveServer(root)) {
            assertThat(server.get("/app/urls").body())
                    .isEqualTo("/app/users/Zo%C3%AB?tab=1 http://127.0.0.1:" + server.port() + "/app/x");
        }
    }
}
