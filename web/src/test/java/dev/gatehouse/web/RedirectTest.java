package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Locations built from user input: encoded so the head stays valid, and where they may lead. */
class RedirectTest {
    /** Redirects to ?next=, checked with isLocal, and to a search built from ?q=. */
    private static WebApp app() {
        WebApp inner = new WebApp()
                .get("/login", req -> {
                    String next = req.param("next", "/");
                    throw new SeeOther(Redirect.isLocal(next) ? next : "/");
                })
                .get("/unchecked", req -> {
                    throw new SeeOther(req.param("next"));
                })
                .get("/find", req -> {
                    throw new SeeOther("/search?q=" + req.param("q"));
                });
        return new WebApp().mount("/app", inner);
    }

    private static RawResponse get(RawHttpClient client, String target) throws Exception {
        client.send(("GET " + target + " HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return client.readResponse();
    }

    @Test
    void nonAsciiInTheQueryOfALocationIsPercentEncoded() throws Exception {
        try (LiveServer server = new LiveServer(app()); RawHttpClient client = server.connect()) {
            // q = "Zoë €" (UTF-8, percent-encoded in the request)
            RawResponse r = get(client, "/app/find?q=Zo%C3%AB%20%E2%82%AC");
            assertThat(r.status()).isEqualTo(303);
            assertThat(r.header("Location")).isEqualTo("/app/search?q=Zo%C3%AB%20%E2%82%AC");
        }
    }

    @Test
    void nonAsciiInAnAbsoluteLocationIsPercentEncoded() throws Exception {
        WebApp app = new WebApp().get("/away", req -> {
            throw new Found("https://example.org/caf\u00e9?q=\u20ac");
        });
        try (LiveServer server = new LiveServer(app); RawHttpClient client = server.connect()) {
            RawResponse r = get(client, "/away");
            assertThat(r.status()).isEqualTo(302);
            assertThat(r.header("Location")).isEqualTo("https://example.org/caf%C3%A9?q=%E2%82%AC");
        }
    }

    @Test
    void isLocalKeepsRedirectsOnTheApp() throws Exception {
        try (LiveServer server = new LiveServer(app()); RawHttpClient client = server.connect()) {
            assertThat(get(client, "/app/login?next=/account").header("Location")).isEqualTo("/app/account");
            assertThat(get(client, "/app/login?next=https://evil.example/").header("Location")).isEqualTo("/app/");
            assertThat(get(client, "/app/login?next=//evil.example/").header("Location")).isEqualTo("/app/");
            assertThat(get(client, "/app/login?next=/%5Cevil.example/").header("Location")).isEqualTo("/app/");
        }
        assertThat(Redirect.isLocal("/a?b=c")).isTrue();
        assertThat(Redirect.isLocal("a/b")).isFalse();
        assertThat(Redirect.isLocal(null)).isFalse();
    }

    @Test
    void anUncheckedLocationFromTheRequestIsAnOpenRedirectExceptForABackslash() throws Exception {
        try (LiveServer server = new LiveServer(app()); RawHttpClient client = server.connect()) {
            // as documented: absolute and '//' locations go out as given
            assertThat(get(client, "/app/unchecked?next=//evil.example/").header("Location")).isEqualTo("//evil.example/");
            // a browser reads "/\" as "//": the app-relative path encodes the backslash instead
            assertThat(get(client, "/app/unchecked?next=/%5Cevil.example/").header("Location")).isEqualTo("/app/%5Cevil.example/");
        }
    }
}
