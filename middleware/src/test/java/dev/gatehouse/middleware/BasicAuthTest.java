package dev.gatehouse.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.Header;
import dev.gatehouse.testkit.RawHttpClient;
import dev.gatehouse.testkit.RawResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BasicAuthTest {
    @TempDir
    Path dir;

    /** Answers "REMOTE_USER AUTH_TYPE HTTP_AUTHORIZATION". */
    private static final Application WHO = (env, sr) -> {
        sr.start(200, Header.of("Content-Type", "text/plain"));
        return Body.of(env.getString("REMOTE_USER") + " " + env.getString("AUTH_TYPE") + " " + env.getString("HTTP_AUTHORIZATION"));
    };

    static String bcrypt(String password) {
        return BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, password.toCharArray());
    }

    static String sha(String password) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
        return "{SHA}" + Base64.getEncoder().encodeToString(digest);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Path htpasswd(String... lines) throws IOException {
        return Files.writeString(dir.resolve("htpasswd"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    private static GatewayRun.Response get(BasicAuth auth, String authorization) {
        Environ env = GatewayRun.get("/private");
        if (authorization != null) env.put("HTTP_AUTHORIZATION", authorization);
        GatewayRun.Response r = GatewayRun.run(auth, WHO, env);
        assertThat(r.violations()).isEmpty();
        return r;
    }

    @Test
    void challengesARequestWithoutCredentials() throws Exception {
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(htpasswd("alice:" + bcrypt("wonderland"))));
        GatewayRun.Response r = get(auth, null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Restricted\"");
        assertThat(r.text()).isEqualTo("401 Unauthorized\n");
    }

    @Test
    void letsABcryptUserInAndHidesTheAuthorizationHeader() throws Exception {
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(htpasswd("# staff", "", "alice:" + bcrypt("wonderland"))));
        GatewayRun.Response r = get(auth, basic("alice", "wonderland"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("alice Basic null");
    }

    @Test
    void passesTheAuthorizationHeaderOnWhenConfigured() throws Exception {
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(htpasswd("alice:" + bcrypt("wonderland"))).withRemoveAuthorization(false));
        assertThat(get(auth, basic("alice", "wonderland")).text()).isEqualTo("alice Basic " + basic("alice", "wonderland"));
    }

    @Test
    void refusesAWrongPasswordAndAnUnknownUser() throws Exception {
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(htpasswd("alice:" + bcrypt("wonderland"), "bob:" + sha("builder"))));
        assertThat(get(auth, basic("alice", "Wonderland")).status()).isEqualTo(401);
        assertThat(get(auth, basic("alice", "wonderland ")).status()).isEqualTo(401);
        assertThat(get(auth, basic("bob", "builderr")).status()).isEqualTo(401);
        assertThat(get(auth, basic("carol", "wonderland")).status()).isEqualTo(401);
        assertThat(get(auth, basic("Alice", "wonderland")).status()).isEqualTo(401);
    }

    @Test
    void checksShaEntries() throws Exception {
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(htpasswd("bob:" + sha("builder"))));
        assertThat(get(auth, basic("bob", "builder")).text()).startsWith("bob Basic");
    }

    @Test
    void checksApacheMd5Entries() throws Exception {
        // the example of Apache's "Password Formats" page
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(htpasswd("myName:$apr1$r31.....$HqJZimcKQFAMYayBlzkrA/")));
        assertThat(get(auth, basic("myName", "myPassword")).status()).isEqualTo(200);
        assertThat(get(auth, basic("myName", "myPasswort")).status()).isEqualTo(401);
        assertThat(Apr1Crypt.crypt("myPassword".getBytes(StandardCharsets.UTF_8), "$apr1$", "r31....."))
                .isEqualTo("$apr1$r31.....$HqJZimcKQFAMYayBlzkrA/");
    }

    @Test
    void acceptsEveryBcryptVersionPrefix() throws Exception {
        String hash = bcrypt("pw");
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(htpasswd("y:" + hash, "a:" + hash.replace("$2y$", "$2a$"),
                "b:" + hash.replace("$2y$", "$2b$"))));
        for (String user : List.of("y", "a", "b")) assertThat(get(auth, basic(user, "pw")).status()).as(user).isEqualTo(200);
    }

    @Test
    void refusesFormatsItDoesNotCheckAndCostsOverTheLimit() throws Exception {
        String costly = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(6, "pw".toCharArray());
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(htpasswd(
                "des:rqXexS6ZhobKA",
                "sha512:$6$3cKceeGsi6bKp3ME$gzzJ6qRGtrlcQ2aca4oinIEDwB.g8uKBIDNs6MJtRtOUmjSaawUT.yH2AFoWFAk6HaGaDvdcyaCZtQEjwG2MJ.",
                "plain:myPassword",
                "costly:" + costly,
                "broken:$2y$04$short",
                "nocolon")).withMaxBcryptCost(5));
        for (String user : List.of("des", "sha512", "plain", "costly", "broken")) {
            assertThat(get(auth, basic(user, "myPassword")).status()).as(user).isEqualTo(401);
        }
        assertThat(get(auth, basic("costly", "pw")).status()).isEqualTo(401);
    }

    @Test
    void takesTheFirstEntryOfAUserListedTwice() throws Exception {
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(htpasswd("alice:" + sha("first"), "alice:" + sha("second"))));
        assertThat(get(auth, basic("alice", "first")).status()).isEqualTo(200);
        assertThat(get(auth, basic("alice", "second")).status()).isEqualTo(401);
    }

    @Test
    void readsTheFileAgainWhenItChanges() throws Exception {
        Path file = htpasswd("alice:" + sha("one"));
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(file));
        assertThat(get(auth, basic("alice", "one")).status()).isEqualTo(200);
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, "alice:" + sha("two") + "\nbob:" + sha("three") + "\n");
        Files.setLastModifiedTime(file, FileTime.from(before.toMillis() + 2000, TimeUnit.MILLISECONDS));
        assertThat(get(auth, basic("alice", "one")).status()).isEqualTo(401);
        assertThat(get(auth, basic("alice", "two")).status()).isEqualTo(200);
        assertThat(get(auth, basic("bob", "three")).status()).isEqualTo(200);
    }

    @Test
    void keepsTheLastGoodFileWhenItDisappears() throws Exception {
        Path file = htpasswd("alice:" + sha("one"));
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(file));
        Files.delete(file);
        assertThat(get(auth, basic("alice", "one")).status()).isEqualTo(200);
    }

    @Test
    void remembersVerifiedBcryptPasswordsInABoundedCache() throws Exception {
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(htpasswd("a:" + bcrypt("pa"), "b:" + bcrypt("pb"), "c:" + bcrypt("pc")))
                .withCacheSize(2));
        VerifiedCache cache = auth.cache();
        assertThat(get(auth, basic("a", "wrong")).status()).isEqualTo(401);
        assertThat(cache.size()).as("failures are never remembered").isZero();
        assertThat(get(auth, basic("a", "pa")).status()).isEqualTo(200);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(get(auth, basic("a", "pa")).status()).isEqualTo(200);
        assertThat(get(auth, basic("a", "pb")).status()).as("a cached user with another password").isEqualTo(401);
        assertThat(get(auth, basic("b", "pb")).status()).isEqualTo(200);
        assertThat(get(auth, basic("c", "pc")).status()).isEqualTo(200);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void aCachedPasswordStopsWorkingWhenTheHashChanges() throws Exception {
        Path file = htpasswd("alice:" + bcrypt("old"));
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(file));
        assertThat(get(auth, basic("alice", "old")).status()).isEqualTo(200);
        FileTime before = Files.getLastModifiedTime(file);
        Files.writeString(file, "alice:" + bcrypt("new") + "\n");
        Files.setLastModifiedTime(file, FileTime.from(before.toMillis() + 2000, TimeUnit.MILLISECONDS));
        assertThat(get(auth, basic("alice", "old")).status()).isEqualTo(401);
        assertThat(get(auth, basic("alice", "new")).status()).isEqualTo(200);
    }

    @Test
    void refusesMalformedCredentials() throws Exception {
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(htpasswd("alice:" + sha("pw"), ":" + sha("pw"))));
        String b64 = Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));
        for (String header : List.of("Bearer " + b64, "Basic", "Basic !!!", "Basic " + Base64.getEncoder().encodeToString("alicepw".getBytes()),
                "Basic " + Base64.getEncoder().encodeToString(":pw".getBytes()), "Bas\u00edc " + b64,
                "Basic " + Base64.getEncoder().encodeToString("ali\nce:pw".getBytes()))) {
            assertThat(get(auth, header).status()).as(header).isEqualTo(401);
        }
        assertThat(get(auth, "basic   " + b64).status()).isEqualTo(200);
        assertThat(get(auth, "Basic " + b64.replace("=", "")).status()).isEqualTo(200);
    }

    @Test
    void matchesUserNamesAndPasswordsAsBytes() throws Exception {
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(htpasswd("jürgen:" + sha("grüße"))));
        Environ env = GatewayRun.get("/private").put("HTTP_AUTHORIZATION", basic("jürgen", "grüße"));
        java.util.concurrent.atomic.AtomicReference<String> user = new java.util.concurrent.atomic.AtomicReference<>();
        GatewayRun.Response r = GatewayRun.run(auth, (e, sr) -> {
            user.set(e.getString("REMOTE_USER"));
            return WHO.call(e, sr);
        }, env);
        assertThat(r.violations()).isEmpty();
        assertThat(r.status()).isEqualTo(200);
        // like every environ string, the user name's bytes as ISO-8859-1 characters
        assertThat(new String(user.get().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)).isEqualTo("jürgen");
        assertThat(get(auth, basic("jürgen", "grusse")).status()).isEqualTo(401);
    }

    @Test
    void quotesTheRealm() throws Exception {
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(htpasswd()).withRealm("Team \"Ops\" \\ area"));
        assertThat(get(auth, null).header("WWW-Authenticate")).isEqualTo("Basic realm=\"Team \\\"Ops\\\" \\\\ area\"");
        assertThatThrownBy(() -> BasicAuthConfig.of(dir).withRealm("bad\r\nrealm")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failsAtConstructionWithoutItsFile() {
        assertThatThrownBy(() -> new BasicAuth(BasicAuthConfig.of(dir.resolve("missing")))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void acceptsWhatApachesHtpasswdWrites() throws Exception {
        Assumptions.assumeTrue(htpasswdAvailable(), "Apache's htpasswd not found; apt-get install apache2-utils to cross-check");
        String longPassword = "p".repeat(80);
        List<String> lines = new ArrayList<>();
        lines.add(htpasswdLine("-nbB", "-C", "4", "bcrypt", "s3cret"));
        lines.add(htpasswdLine("-nbm", "md5", "s3cret"));
        lines.add(htpasswdLine("-nbs", "sha", "s3cret"));
        lines.add(htpasswdLine("-nbB", "-C", "4", "long", longPassword));
        lines.add(htpasswdLine("-nbm", "utf8", "grüße"));
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(htpasswd(lines.toArray(String[]::new))));
        for (String user : List.of("bcrypt", "md5", "sha")) {
            assertThat(get(auth, basic(user, "s3cret")).status()).as(user).isEqualTo(200);
            assertThat(get(auth, basic(user, "s3cret!")).status()).as(user).isEqualTo(401);
        }
        assertThat(get(auth, basic("long", longPassword)).status()).isEqualTo(200);
        assertThat(get(auth, basic("utf8", "grüße")).status()).isEqualTo(200);
        // and the other way round: what Gatehouse's hashes look like, htpasswd -v accepts
        Path ours = htpasswd("alice:" + bcrypt("wonderland"));
        Process verify = new ProcessBuilder("htpasswd", "-vb", ours.toString(), "alice", "wonderland").redirectErrorStream(true).start();
        verify.getInputStream().readAllBytes();
        assertThat(verify.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(verify.exitValue()).isZero();
    }

    private static boolean htpasswdAvailable() {
        try {
            Process p = new ProcessBuilder("htpasswd", "-nbs", "u", "p").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String htpasswdLine(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("htpasswd"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().findFirst().orElseThrow();
    }

    @Test
    void challengesThenAdmitsOverTheWire() throws Exception {
        BasicAuth auth = new BasicAuth(BasicAuthConfig.of(htpasswd("alice:" + bcrypt("wonderland"))).withRealm("Wire"));
        try (LiveServer server = new LiveServer(auth.wrap(WHO)); RawHttpClient client = server.connect()) {
            client.send("GET /private HTTP/1.1\r\nHost: app\r\n\r\n");
            RawResponse challenge = client.readResponse();
            assertThat(challenge.status()).isEqualTo(401);
            assertThat(challenge.header("WWW-Authenticate")).isEqualTo("Basic realm=\"Wire\"");
            client.send("GET /private HTTP/1.1\r\nHost: app\r\nAuthorization: " + basic("alice", "wonderland")
                    + "\r\nConnection: close\r\n\r\n");
            RawResponse admitted = client.readResponse();
            assertThat(admitted.status()).isEqualTo(200);
            assertThat(admitted.bodyText()).isEqualTo("alice Basic null");
        }
    }
}
