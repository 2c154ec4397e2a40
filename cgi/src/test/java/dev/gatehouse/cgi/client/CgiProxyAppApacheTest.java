package dev.gatehouse.cgi.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.RawResponse;
import dev.gatehouse.testkit.peers.ApacheLauncher;
import dev.gatehouse.testkit.peers.PeerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same scripts behind a real Apache httpd ({@code ScriptAlias /cgi-bin DIR}, mod_cgid) and
 * behind Gatehouse's {@code cgi:DIR} mount, asked the same requests: the scripts must see the
 * same environment, variable by variable (modulo ports, addresses and server software), and the
 * clients must get the same answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CgiProxyAppApacheTest {
    /** Set by each server about itself (or its ports): compared by name only. */
    private static final Set<String> SERVER_OWN = Set.of("SERVER_SOFTWARE", "SERVER_PORT", "REMOTE_PORT", "HTTP_HOST", "PATH");
    /** Apache's own additions, which Gatehouse does not make (see docs/cgi-scripts.md). */
    private static final Set<String> APACHE_ONLY = Set.of("SERVER_SIGNATURE", "SERVER_ADMIN", "SERVER_ADDR");

    @TempDir
    static Path dir;
    private Path bin;
    private PeerProcess apache;
    private CgiFront gatehouse;

    @BeforeAll
    void start() throws Exception {
        ApacheLauncher.require();
        bin = CgiScripts.install(dir);
        apache = ApacheLauncher.start(List.of("cgid", "alias"), "ScriptAlias /cgi-bin " + bin + "\n");
        Path docroot = apache.dir().resolve("htdocs");
        gatehouse = CgiFront.start(CgiTarget.parse("cgi:" + bin + "?docroot=" + docroot), CgiClientConfig.defaults());
    }

    @AfterAll
    void stop() throws Exception {
        if (gatehouse != null) gatehouse.close();
        if (apache != null) apache.close();
    }

    private RawResponse apache(String method, String target, byte[] body, String... headers) throws Exception {
        return CgiFront.request(apache.address(), method, target, headers, body);
    }

    private RawResponse gatehouse(String method, String target, byte[] body, String... headers) throws Exception {
        return CgiFront.request(gatehouse.address(), method, target, headers, body);
    }

    private void sameEnvironment(String method, String target, byte[] body, String... headers) throws Exception {
        RawResponse a = apache(method, target, body, headers);
        RawResponse g = gatehouse(method, target, body, headers);
        assertThat(a.status()).as("Apache: " + a + "\n" + apache.logs()).isEqualTo(200);
        assertThat(g.status()).as("Gatehouse: " + g).isEqualTo(200);
        assertThat(g.complete()).as("Gatehouse's body is complete").isTrue();
        Map<String, String> fromApache = new TreeMap<>(CgiProxyAppTest.lines(a.bodyText()));
        Map<String, String> fromGatehouse = new TreeMap<>(CgiProxyAppTest.lines(g.bodyText()));
        Set<String> names = new TreeSet<>(fromApache.keySet());
        names.removeAll(APACHE_ONLY);
        assertThat(fromGatehouse.keySet()).as("variables for %s %s\nApache:    %s\nGatehouse: %s", method, target, fromApache, fromGatehouse)
                .containsExactlyInAnyOrderElementsOf(names);
        for (String name : names) {
            if (SERVER_OWN.contains(name)) continue;
            assertThat(fromGatehouse.get(name)).as("%s for %s %s", name, method, target).isEqualTo(fromApache.get(name));
        }
        assertThat(fromGatehouse).containsEntry("PATH", CgiClientConfig.DEFAULT_PATH).containsEntry("SERVER_SOFTWARE", "Gatehouse");
    }

    @Test
    void scriptsSeeTheEnvironmentApacheGivesThem() throws Exception {
        sameEnvironment("GET", "/cgi-bin/env.pl", null);
        sameEnvironment("GET", "/cgi-bin/env.pl/extra/p%20a/%C3%A9?x=1&y=%20+z", null, "X-Foo: bar", "Cookie: a=b",
                "Accept-Language: en, fr;q=0.5");
        // env-read.pl reads its body first: mod_cgid may drop the answer of a script that does not.
        sameEnvironment("POST", "/cgi-bin/env-read.pl?form", "a=1&b=2".getBytes(StandardCharsets.US_ASCII),
                "Content-Type: application/x-www-form-urlencoded");
    }

    @Test
    void neitherPassesProxyNorCredentialsByDefault() throws Exception {
        sameEnvironment("GET", "/cgi-bin/env.pl", null, "Proxy: http://evil.example/", "Authorization: Basic dXNlcjpwYXNz",
                "Proxy-Authorization: Basic cHJveHk6cGFzcw==");
    }

    @Test
    void answersAsApacheDoes() throws Exception {
        for (String target : new String[] {"/cgi-bin/hello.py/x", "/cgi-bin/status.pl", "/cgi-bin/nph-hello.sh",
                "/cgi-bin/redirect-client.pl", "/cgi-bin/nope.sh", "/cgi-bin/"}) {
            RawResponse a = apache("GET", target, null);
            RawResponse g = gatehouse("GET", target, null);
            assertThat(g.status()).as(target).isEqualTo(a.status());
            if (a.status() < 300) {
                assertThat(g.bodyText()).as(target).isEqualTo(a.bodyText());
                assertThat(g.header("Content-Type")).as(target).isEqualTo(a.header("Content-Type"));
            }
            for (String field : new String[] {"X-Extra", "X-Nph", "Location"}) {
                assertThat(g.header(field)).as(target + " " + field).isEqualTo(a.header(field));
            }
        }
        byte[] body = "posted body".getBytes(StandardCharsets.US_ASCII);
        assertThat(gatehouse("POST", "/cgi-bin/echo.py", body, "Content-Type: text/x-test").bodyText())
                .isEqualTo(apache("POST", "/cgi-bin/echo.py", body, "Content-Type: text/x-test").bodyText());
    }

    @Test
    void followsALocalRedirectAsApacheDoes() throws Exception {
        Map<String, String> a = CgiProxyAppTest.lines(apache("GET", "/cgi-bin/redirect-local.sh", null).bodyText());
        Map<String, String> g = CgiProxyAppTest.lines(gatehouse("GET", "/cgi-bin/redirect-local.sh", null).bodyText());
        assertThat(g).isEqualTo(a);
    }

    @Test
    void refusesANonExecutableScriptWith403WhereApacheFailsIt() throws Exception {
        // mod_cgid tries to run it and answers 500; Gatehouse checks first and answers 403, as mod_cgi does.
        assertThat(apache("GET", "/cgi-bin/" + CgiScripts.NOT_EXECUTABLE, null).status()).isEqualTo(500);
        assertThat(gatehouse("GET", "/cgi-bin/" + CgiScripts.NOT_EXECUTABLE, null).status()).isEqualTo(403);
    }

    @Test
    void failsBrokenScriptsWhereApacheDoes() throws Exception {
        // Apache answers 500 for a script that failed; Gatehouse answers 502, as its other gateways do.
        for (String script : new String[] {"bad-head.py", "half-head.pl", "dies.sh"}) {
            assertThat(apache("GET", "/cgi-bin/" + script, null).status()).as(script).isEqualTo(500);
            assertThat(gatehouse("GET", "/cgi-bin/" + script, null).status()).as(script).isEqualTo(502);
        }
    }
}
