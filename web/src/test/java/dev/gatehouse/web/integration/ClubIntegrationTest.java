package dev.gatehouse.web.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.web.LiveServer;
import dev.gatehouse.web.WebConfig;
import dev.gatehouse.web.data.Database;
import dev.gatehouse.web.data.Migrations;
import dev.gatehouse.web.templates.TemplateOptions;
import dev.gatehouse.web.templates.Templates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole framework through Gatehouse's HTTP server (inside the contract Validator), driven by
 * curl: a page rendered from a template with a layout around a form, sessions and CSRF, the form
 * bound from the real request (urlencoded, and multipart with a file sent by {@code curl -F}), a
 * form-level check against SQLite set up by migrations, redirects with flash messages, and the
 * temp files of uploads.
 */
class ClubIntegrationTest {
    private static final byte[] KEY = "integration-test-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([A-Za-z0-9_-]{43})\"");

    @TempDir
    Path dir;

    private Database db;
    private LiveServer server;
    private Curl curl;
    private Path uploadTemp;
    private Path avatars;
    private Path avatarFile;
    private byte[] avatar;

    @BeforeEach
    void start() throws Exception {
        db = Database.open("jdbc:sqlite:" + dir.resolve("club.db"));
        assertThat(Migrations.fromClasspath("dev/gatehouse/web/integration/migrations").migrate(db))
                .containsExactly("001_create_members.sql", "002_add_motto.sql");
        Templates templates = Templates.fromClasspath("dev/gatehouse/web/integration/templates", TemplateOptions.forProduction());
        uploadTemp = Files.createDirectory(dir.resolve("upload-temp"));
        avatars = Files.createDirectory(dir.resolve("avatars"));
        // uploads past 1 KiB go to a temp file
        WebConfig config = WebConfig.defaults().withMemoryThreshold(1024).withTempDir(uploadTemp);
        server = new LiveServer(ClubApp.create(db, templates, avatars, config, KEY));
        Path curlDir = Files.createDirectory(dir.resolve("curl"));
        curl = new Curl(curlDir);
        avatar = new byte[20_000];
        new Random(7).nextBytes(avatar);
        avatarFile = Files.write(curlDir.resolve("me.png"), avatar);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (db != null) db.close();
    }

    private String url(String path) {
        return server.uri(path).toString();
    }

    /** GETs the join page and returns the CSRF token it carries. */
    private String joinPageToken() throws Exception {
        Curl.Reply page = curl.run(url("/club/join"));
        assertThat(page.status()).isEqualTo(200);
        Matcher m = TOKEN.matcher(page.body());
        assertThat(m.find()).as("the form carries the token: %s", page.body()).isTrue();
        return m.group(1);
    }

    private Curl.Reply joinMultipart(String token, String login, String email, String motto) throws Exception {
        return curl.run("-F", "_csrf=" + token, "-F", "login=" + login, "-F", "email=" + email, "-F", "motto=" + motto,
                "-F", "avatar=@" + avatarFile + ";type=image/png", url("/club/join"));
    }

    private long members() {
        return db.queryOne("SELECT COUNT(*) AS n FROM members", row -> row.getLong("n"));
    }

    private long uploadTempFiles() throws Exception {
        try (Stream<Path> files = Files.list(uploadTemp)) {
            return files.count();
        }
    }

    @Test
    void theJoinPageIsTheFormInsideTheLayout() throws Exception {
        Curl.Reply page = curl.run(url("/club/join"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("Set-Cookie")).startsWith("gh_session=").contains("; Path=/; ", "HttpOnly", "SameSite=Lax");
        assertThat(page.body()).contains("<title>Join - The club</title>", "<h1>Join the club</h1>",
                "<form method=\"post\" action=\"/club/join\" enctype=\"multipart/form-data\">",
                "<input type=\"file\" id=\"avatar\" name=\"avatar\" accept=\"image/png\">")
                .containsPattern(TOKEN);
        // the form's HTML went in unescaped (| raw), exactly once
        assertThat(page.body()).doesNotContain("&lt;form");
    }

    @Test
    void anInvalidSubmissionIsRedisplayedEscapedWithItsTokenKept() throws Exception {
        String token = joinPageToken();
        Curl.Reply r = curl.run("--data-urlencode", "_csrf=" + token, "--data-urlencode", "login=<b>Ann</b>",
                "--data-urlencode", "email=ann@", "--data-urlencode", "motto=\"><script>alert(1)</script>", url("/club/join"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("<title>Join - The club</title>",
                "value=\"&lt;b&gt;Ann&lt;/b&gt;\"",
                "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>",
                "<strong class=\"wrong\" id=\"login-error\">3-16 lower-case letters or digits</strong>",
                "<strong class=\"wrong\" id=\"email-error\">Not a valid email address</strong>",
                "<strong class=\"wrong\" id=\"avatar-error\">Required</strong>",
                "name=\"_csrf\" value=\"" + token + "\"")
                .doesNotContain("<b>Ann</b>", "<script>");
        assertThat(members()).isZero();
    }

    @Test
    void aValidMultipartSubmissionRedirectsAndTheNextPageShowsTheFlashOnce() throws Exception {
        String token = joinPageToken();
        // -L follows the 303 with a GET on the same connection, so the POST's response body was closed before it
        Curl.Reply r = curl.run("-L", "-F", "_csrf=" + token, "-F", "login=ada", "-F", "email=ada@example.org",
                "-F", "motto=I <3 engines", "-F", "avatar=@" + avatarFile + ";type=image/png", url("/club/join"));
        assertThat(r.headers()).contains("HTTP/1.1 303 See Other").containsIgnoringCase("Location: /club/members");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("<title>Members - The club</title>", "<p class=\"flash\">Welcome, ada!</p>",
                "<li class=\"member\">ada: I &lt;3 engines (20000 bytes of avatar)</li>");
        assertThat(Files.readAllBytes(avatars.resolve("1.png"))).isEqualTo(avatar);
        assertThat(uploadTempFiles()).as("the upload's temp file is gone").isZero();

        Curl.Reply again = curl.run(url("/club/members"));
        assertThat(again.body()).contains("ada: I &lt;3 engines").doesNotContain("class=\"flash\"");
    }

    @Test
    void aDuplicateLoginIsFoundByTheFormCheckAgainstTheDatabase() throws Exception {
        String token = joinPageToken();
        assertThat(joinMultipart(token, "ada", "ada@example.org", "first").status()).isEqualTo(303);
        Curl.Reply second = joinMultipart(token, "ada", "other@example.org", "second");
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.body()).contains("<strong class=\"wrong\" id=\"login-error\">That login is taken</strong>",
                "value=\"other@example.org\"");
        assertThat(members()).isEqualTo(1);
    }

    @Test
    void theTempFileOfARejectedUploadIsDeletedToo() throws Exception {
        String token = joinPageToken();
        // --next: a second request on the same connection, read after the first response was closed
        Curl.Reply r = curl.run("-F", "_csrf=" + token, "-F", "login=bob", "-F", "email=not-an-address",
                "-F", "avatar=@" + avatarFile + ";type=image/png", url("/club/join"), "--next", url("/club/members"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(uploadTempFiles()).isZero();
        assertThat(members()).isZero();
    }

    @Test
    void aTamperedSessionCookieLosesTheSessionAndItsToken() throws Exception {
        String token = joinPageToken();
        // flip one character of the signed payload: the signature no longer matches
        curl.tamper("gh_session", v -> (v.charAt(0) == 'A' ? "B" : "A") + v.substring(1));
        Curl.Reply r = joinMultipart(token, "eve", "eve@example.org", "forged");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("CSRF token");
        assertThat(members()).isZero();
        // a GET with the tampered cookie starts a new session with a new token
        Curl.Reply page = curl.run(url("/club/join"));
        assertThat(page.header("Set-Cookie")).startsWith("gh_session=");
        assertThat(page.body()).containsPattern(TOKEN).doesNotContain(token);
    }

    @Test
    void aSubmissionWithoutTheCsrfTokenIs403() throws Exception {
        joinPageToken(); // the session exists, only the token is missing
        Curl.Reply urlencoded = curl.run("--data-urlencode", "login=mallory", "--data-urlencode", "email=m@example.org",
                url("/club/join"));
        assertThat(urlencoded.status()).isEqualTo(403);
        Curl.Reply multipart = curl.run("-F", "login=mallory", "-F", "email=m@example.org",
                "-F", "avatar=@" + avatarFile + ";type=image/png", url("/club/join"));
        assertThat(multipart.status()).isEqualTo(403);
        assertThat(members()).isZero();
    }
}
