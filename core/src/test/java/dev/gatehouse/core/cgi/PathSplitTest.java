package dev.gatehouse.core.cgi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import org.junit.jupiter.api.Test;

/**
 * SCRIPT_NAME and PATH_INFO as nginx and Apache send them over FastCGI and SCGI (the values are
 * those the adapters' own tests record), and the split the interface gets.
 */
class PathSplitTest {
    /** GET /pi/caf%C3%A9/a%20b, its path decoded as the environ keeps it (ISO-8859-1 per byte). */
    private static final String CAFE = "/caf\u00c3\u00a9/a b";

    @Test
    void nginxWithoutSplitPathInfoSendsTheWholePathAsScriptNameSoTheAppIsAtTheRoot() {
        assertThat(PathSplit.fromWebServer("/app/x y", null, "/app/x y")).isEqualTo(new PathSplit("", "/app/x y"));
    }

    @Test
    void apacheWithoutPathInfoSendsTheWholePathAsScriptNameWhateverItsPrefix() {
        assertThat(PathSplit.fromWebServer("/app" + CAFE, null, "/app" + CAFE)).isEqualTo(new PathSplit("", "/app" + CAFE));
        assertThat(PathSplit.fromWebServer("/app/page", null, null)).isEqualTo(new PathSplit("", "/app/page"));
    }

    @Test
    void aSplitThatAddsUpToThePathIsKept() {
        assertThat(PathSplit.fromWebServer("/app", "/x", "/app/x")).isEqualTo(new PathSplit("/app", "/x"));
        assertThat(PathSplit.fromWebServer("/app", "/x", null)).isEqualTo(new PathSplit("/app", "/x"));
    }

    @Test
    void apachePathinfoSendsPathInfoStillEncodedAndTheWholePathAsScriptName() {
        // proxy-fcgi-pathinfo=1 / proxy-scgi-pathinfo: PATH_INFO raw, so Apache could not cut it off SCRIPT_NAME
        assertThat(PathSplit.fromWebServer("/pi" + CAFE, "/caf%C3%A9/a%20b", "/pi" + CAFE)).isEqualTo(new PathSplit("/pi", CAFE));
        assertThat(PathSplit.fromWebServer(CAFE, "/caf%C3%A9/a%20b", CAFE)).isEqualTo(new PathSplit("", CAFE));
        assertThat(PathSplit.fromWebServer("/app/a b", "/a%20b", "/app/a b")).isEqualTo(new PathSplit("/app", "/a b"));
    }

    @Test
    void aPathInfoTheRepairCannotPlaceIsLeftAsSent() {
        assertThat(PathSplit.fromWebServer("/app/a b", "/a%20b", null)).as("no path to match").isEqualTo(new PathSplit("/app/a b", "/a%20b"));
        assertThat(PathSplit.fromWebServer("/app", "/other", "/app/x")).as("not the path's tail").isEqualTo(new PathSplit("/app", "/other"));
        assertThat(PathSplit.fromWebServer("/app/x", "/bad%zz", "/app/x")).as("does not decode").isEqualTo(new PathSplit("/app/x", "/bad%zz"));
        assertThat(PathSplit.fromWebServer("/app/x", "", "/app/y")).as("empty").isEqualTo(new PathSplit("/app/x", ""));
    }

    @Test
    void aMissingScriptNameIsEmpty() {
        assertThat(PathSplit.fromWebServer(null, "/x", "/y")).isEqualTo(new PathSplit("", "/x"));
    }

    @Test
    void scriptNameNeverEndsInASlash() {
        // nginx fastcgi_split_path_info ^(/app/)(.*)$ sends SCRIPT_NAME /app/ and PATH_INFO x
        assertThat(PathSplit.fromWebServer("/app/", "x", "/app/x")).isEqualTo(new PathSplit("/app", "/x"));
        assertThat(new PathSplit("/app//", "x")).isEqualTo(new PathSplit("/app", "//x"));
        assertThat(new PathSplit("/", "")).isEqualTo(new PathSplit("", "/"));
        assertThat(new PathSplit("/app", "/")).isEqualTo(new PathSplit("/app", "/"));
        assertThat(PathSplit.atRoot("/")).isEqualTo(new PathSplit("", "/"));
    }

    @Test
    void putsBothIntoTheEnviron() {
        Environ env = new Environ().put(EnvironKeys.SCRIPT_NAME, "/app/").put(EnvironKeys.PATH_INFO, "x");
        PathSplit.fromWebServer("/app/", "x", "/app/x").putInto(env);
        assertThat(env.scriptName()).isEqualTo("/app");
        assertThat(env.pathInfo()).isEqualTo("/x");
    }
}
