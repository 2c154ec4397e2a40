package dev.gatehouse.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UrlMapTest {
    /** Answers "name SCRIPT_NAME|PATH_INFO", showing where the request went and what it saw. */
    private static Application named(String name) {
        return (environ, sr) -> {
            sr.start(200);
            return Body.of(name + " " + environ.scriptName() + "|" + environ.pathInfo());
        };
    }

    private static String get(Application app, String scriptName, String pathInfo) throws Exception {
        Environ environ = new Environ().put(EnvironKeys.SCRIPT_NAME, scriptName).put(EnvironKeys.PATH_INFO, pathInfo);
        RecordingStartResponse sr = new RecordingStartResponse();
        String body = sr.drain(app.call(environ, sr));
        return sr.status.code() + " " + body;
    }

    private final UrlMap map = UrlMap.builder()
            .mount("/", named("root"))
            .mount("/app", named("app"))
            .mount("/app/admin", named("admin"))
            .build();

    @Test
    void movesTheMatchedPrefixFromPathInfoToScriptName() throws Exception {
        assertThat(get(map, "/base", "/app/x/y")).isEqualTo("200 app /base/app|/x/y");
    }

    @Test
    void prefersTheLongestPrefix() throws Exception {
        assertThat(get(map, "", "/app/admin/users")).isEqualTo("200 admin /app/admin|/users");
        assertThat(get(map, "", "/app/administrator")).isEqualTo("200 app /app|/administrator");
    }

    @Test
    void matchesOnSegmentBoundariesOnly() throws Exception {
        assertThat(get(map, "", "/apple")).isEqualTo("200 root |/apple");
    }

    @Test
    void aPathEqualToThePrefixLeavesAnEmptyPathInfo() throws Exception {
        assertThat(get(map, "", "/app")).isEqualTo("200 app /app|");
        assertThat(get(map, "", "/app/")).isEqualTo("200 app /app|/");
    }

    @Test
    void theFallbackSeesTheEnvironUnchanged() throws Exception {
        assertThat(get(map, "/base", "/other/x")).isEqualTo("200 root /base|/other/x");
        assertThat(get(map, "", "")).isEqualTo("200 root |");
    }

    @Test
    void answersNotFoundWithoutAFallback() throws Exception {
        UrlMap noRoot = UrlMap.builder().mount("/app", named("app")).build();
        Environ environ = new Environ().put(EnvironKeys.PATH_INFO, "/elsewhere");
        RecordingStartResponse sr = new RecordingStartResponse();
        String body = sr.drain(noRoot.call(environ, sr));
        assertThat(sr.status.code()).isEqualTo(404);
        assertThat(sr.header("Content-Type")).startsWith("text/plain");
        assertThat(sr.header("Content-Length")).isEqualTo(Integer.toString(body.length()));
        assertThat(body).isEqualTo("Not Found\n");
    }

    @Test
    void ignoresATrailingSlashInThePrefix() throws Exception {
        UrlMap trailing = UrlMap.builder().mount("/app/", named("app")).build();
        assertThat(get(trailing, "", "/app/x")).isEqualTo("200 app /app|/x");
    }

    @Test
    void anEmptyPrefixIsTheFallback() throws Exception {
        UrlMap empty = UrlMap.builder().mount("", named("root")).build();
        assertThat(get(empty, "", "/anything")).isEqualTo("200 root |/anything");
    }

    @Test
    void nestedMapsBuildUpScriptName() throws Exception {
        UrlMap outer = UrlMap.builder().mount("/api", UrlMap.builder().mount("/v1", named("v1")).build()).build();
        assertThat(get(outer, "", "/api/v1/items")).isEqualTo("200 v1 /api/v1|/items");
    }

    @Test
    void matchesANonAsciiPrefixAgainstTheRawPathBytes() throws Exception {
        UrlMap map = UrlMap.of(java.util.Map.of("/café", named("cafe")));
        String rawPath = new String("/café/menu".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        Environ environ = new Environ().put(EnvironKeys.PATH_INFO, rawPath);
        RecordingStartResponse sr = new RecordingStartResponse();
        sr.drain(map.call(environ, sr));
        assertThat(sr.status.code()).isEqualTo(200);
        assertThat(environ.decodedScriptName()).isEqualTo("/café");
        assertThat(environ.pathInfo()).isEqualTo("/menu");
    }

    @Test
    void rejectsTwoAppsAtTheSamePrefix() {
        assertThatThrownBy(() -> UrlMap.builder().mount("/a", named("1")).mount("/a/", named("2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'/a'");
        assertThatThrownBy(() -> UrlMap.builder().mount("/", named("1")).mount("", named("2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'/'");
    }

    @Test
    void rejectsAPrefixWithoutLeadingSlash() {
        assertThatThrownBy(() -> UrlMap.builder().mount("app", named("app")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must start with '/'");
    }
}
