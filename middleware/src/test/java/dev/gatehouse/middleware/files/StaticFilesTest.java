package dev.gatehouse.middleware.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Application;
import dev.gatehouse.middleware.UrlMap;
import dev.gatehouse.middleware.files.StaticFilesConfig.CacheRule;
import dev.gatehouse.testkit.RawResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link StaticFiles} over real sockets: Http1Server, the app inside the core's Validator, raw requests. */
class StaticFilesTest {
    static final long MTIME = 1_700_000_000L; // Tue, 14 Nov 2023 22:13:20 GMT
    static final String MTIME_TEXT = "Tue, 14 Nov 2023 22:13:20 GMT";
    static final String HELLO = "hello, world\n";

    @TempDir
    Path tmp;
    Path root;
    private final List<FilesServer> servers = new ArrayList<>();

    @BeforeEach
    void files() throws IOException {
        root = Files.createDirectories(tmp.resolve("www"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "top secret");
        write("index.html", "<h1>home</h1>\n");
        write("hello.txt", HELLO);
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i % 251);
        Files.write(root.resolve("data.bin"), data);
        write("app.js", "console.log('identity');\n");
        write("app.js.gz", "GZ-BYTES");
        write("app.js.br", "BR");
        write("site/index.html", "<p>site</p>\n");
        write("docs/a.txt", "a");
        write("docs/<b>&'.txt", "escaped");
        write("docs/z.txt", "zz");
        write("docs/.hidden", "h");
        Files.createDirectories(root.resolve("docs/sub"));
        write(".env", "PASSWORD=x");
        write(".git/config", "[core]");
        write(".well-known/acme-challenge/token", "challenge");
        write("assets/app.0123abcd.js", "hashed");
        write("assets/plain.js", "plain");
        Files.createSymbolicLink(root.resolve("escape"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("escape-dir"), outside);
        Files.createSymbolicLink(root.resolve("inside"), root.resolve("hello.txt"));
        try (var walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                if (!Files.isSymbolicLink(p)) Files.setLastModifiedTime(p, FileTime.fromMillis(MTIME * 1000));
            }
        }
    }

    private void write(String name, String text) throws IOException {
        Path p = root.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @AfterEach
    void stop() {
        for (FilesServer s : servers) {
            s.close();
            assertThat(s.violations()).as("gateway contract breaches").isEmpty();
        }
    }

    FilesServer serve(StaticFilesConfig config) throws IOException {
        return serve((Application) StaticFiles.of(root, config));
    }

    FilesServer serve() throws IOException {
        return serve(StaticFilesConfig.defaults());
    }

    FilesServer serve(Application app) throws IOException {
        FilesServer s = new FilesServer(app);
        servers.add(s);
        return s;
    }

    static String etagOf(long size) {
        return "\"" + Long.toHexString(MTIME) + "-" + Long.toHexString(size) + "\"";
    }

    @Nested
    class Basics {
        @Test
        void servesAFileWithItsMetadata() throws IOException {
            RawResponse r = serve().get("/hello.txt");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo(HELLO);
            assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(r.header("Content-Length")).isEqualTo("13");
            assertThat(r.header("ETag")).isEqualTo(etagOf(13));
            assertThat(r.header("Last-Modified")).isEqualTo(MTIME_TEXT);
            assertThat(r.header("Accept-Ranges")).isEqualTo("bytes");
            assertThat(r.header("Date")).as("the server's").isNotNull();
            assertThat(r.header("Cache-Control")).as("none by default").isNull();
            assertThat(r.header("Vary")).as("no precompressed siblings").isNull();
        }

        @Test
        void headAnswersTheSameHeadWithoutABody() throws IOException {
            FilesServer s = serve();
            RawResponse get = s.get("/hello.txt");
            RawResponse head = s.request("HEAD", "/hello.txt");
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            for (String name : List.of("Content-Type", "Content-Length", "ETag", "Last-Modified", "Accept-Ranges")) {
                assertThat(head.header(name)).as(name).isEqualTo(get.header(name));
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"})
        void otherMethodsAre405WithAllow(String method) throws IOException {
            RawResponse r = serve().request(method, "/hello.txt", "Content-Length: 0");
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
        }

        @Test
        void aMissingFileIs404() throws IOException {
            assertThat(serve().get("/nope.txt").status()).isEqualTo(404);
        }

        @Test
        void aFileWithATrailingSlashIs404() throws IOException {
            assertThat(serve().get("/hello.txt/").status()).isEqualTo(404);
        }

        @Test
        void theTypeComesFromTheExtension() throws IOException {
            FilesServer s = serve();
            assertThat(s.get("/data.bin").header("Content-Type")).isEqualTo("application/octet-stream");
            assertThat(s.get("/index.html").header("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(s.get("/app.js").header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        }

        @Test
        void theCharsetIsConfigurable() throws IOException {
            RawResponse r = serve(StaticFilesConfig.defaults().withDefaultCharset("iso-8859-1")).get("/hello.txt");
            assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=iso-8859-1");
        }

        @Test
        void binaryContentArrivesIntact() throws IOException {
            byte[] body = serve().get("/data.bin").body();
            assertThat(body).isEqualTo(Files.readAllBytes(root.resolve("data.bin")));
        }

        @Test
        void etagsCanBeTurnedOff() throws IOException {
            RawResponse r = serve(StaticFilesConfig.defaults().withEtags(false)).get("/hello.txt");
            assertThat(r.header("ETag")).isNull();
            assertThat(r.header("Last-Modified")).isEqualTo(MTIME_TEXT);
        }
    }

    @Nested
    class Conditionals {
        @Test
        void ifNoneMatchWithTheTagIs304WithItsValidators() throws IOException {
            FilesServer s = serve(StaticFilesConfig.defaults().withCacheControl("public, max-age=60"));
            for (String tag : List.of(etagOf(13), "W/" + etagOf(13), "\"x\", " + etagOf(13), "*")) {
                RawResponse r = s.get("/hello.txt", "If-None-Match: " + tag);
                assertThat(r.status()).as(tag).isEqualTo(304);
                assertThat(r.body()).isEmpty();
                assertThat(r.header("ETag")).isEqualTo(etagOf(13));
                assertThat(r.header("Last-Modified")).isEqualTo(MTIME_TEXT);
                assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=60");
                assertThat(r.header("Content-Length")).isNull();
            }
        }

        @Test
        void ifNoneMatchWithAnotherTagIs200() throws IOException {
            assertThat(serve().get("/hello.txt", "If-None-Match: \"other\"").status()).isEqualTo(200);
        }

        @Test
        void ifModifiedSinceAtOrAfterTheFileIs304() throws IOException {
            FilesServer s = serve();
            assertThat(s.get("/hello.txt", "If-Modified-Since: " + MTIME_TEXT).status()).isEqualTo(304);
            assertThat(s.get("/hello.txt", "If-Modified-Since: " + HttpDates.format(MTIME + 3600)).status()).isEqualTo(304);
            assertThat(s.get("/hello.txt", "If-Modified-Since: " + HttpDates.format(MTIME - 1)).status()).isEqualTo(200);
            assertThat(s.get("/hello.txt", "If-Modified-Since: garbage").status()).isEqualTo(200);
        }

        @Test
        void ifNoneMatchOverridesIfModifiedSince() throws IOException {
            RawResponse r = serve().get("/hello.txt", "If-None-Match: \"other\"", "If-Modified-Since: " + MTIME_TEXT);
            assertThat(r.status()).isEqualTo(200);
        }

        @Test
        void ifMatchThatFailsIs412() throws IOException {
            FilesServer s = serve();
            assertThat(s.get("/hello.txt", "If-Match: \"other\"").status()).isEqualTo(412);
            assertThat(s.get("/hello.txt", "If-Match: W/" + etagOf(13)).status()).as("strong comparison").isEqualTo(412);
            assertThat(s.get("/hello.txt", "If-Match: " + etagOf(13)).status()).isEqualTo(200);
        }

        @Test
        void ifUnmodifiedSinceBeforeTheFileIs412() throws IOException {
            FilesServer s = serve();
            assertThat(s.get("/hello.txt", "If-Unmodified-Since: " + HttpDates.format(MTIME - 1)).status()).isEqualTo(412);
            assertThat(s.get("/hello.txt", "If-Unmodified-Since: " + MTIME_TEXT).status()).isEqualTo(200);
        }

        @Test
        void headIsConditionalToo() throws IOException {
            assertThat(serve().request("HEAD", "/hello.txt", "If-None-Match: " + etagOf(13)).status()).isEqualTo(304);
        }
    }

    @Nested
    class Ranges {
        @Test
        void aSingleRangeIs206WithContentRange() throws IOException {
            RawResponse r = serve().get("/hello.txt", "Range: bytes=0-4");
            assertThat(r.status()).isEqualTo(206);
            assertThat(r.bodyText()).isEqualTo("hello");
            assertThat(r.header("Content-Range")).isEqualTo("bytes 0-4/13");
            assertThat(r.header("Content-Length")).isEqualTo("5");
            assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(r.header("ETag")).isEqualTo(etagOf(13));
        }

        @Test
        void suffixAndOpenRanges() throws IOException {
            FilesServer s = serve();
            assertThat(s.get("/hello.txt", "Range: bytes=-6").bodyText()).isEqualTo("world\n");
            RawResponse open = s.get("/hello.txt", "Range: bytes=7-");
            assertThat(open.bodyText()).isEqualTo("world\n");
            assertThat(open.header("Content-Range")).isEqualTo("bytes 7-12/13");
        }

        @Test
        void severalRangesAreAMultipartByterangesBody() throws IOException {
            RawResponse r = serve().get("/data.bin", "Range: bytes=0-9, 500-599,-5");
            assertThat(r.status()).isEqualTo(206);
            Matcher m = Pattern.compile("multipart/byteranges; boundary=(\\S+)").matcher(r.header("Content-Type"));
            assertThat(m.matches()).as(r.header("Content-Type")).isTrue();
            assertThat(r.header("Content-Range")).isNull();
            assertThat(Long.parseLong(r.header("Content-Length"))).isEqualTo(r.body().length);
            byte[] data = Files.readAllBytes(root.resolve("data.bin"));
            List<Part> parts = parseMultipart(r.body(), m.group(1));
            assertThat(parts).hasSize(3);
            assertThat(parts.get(0).contentRange()).isEqualTo("bytes 0-9/1000");
            assertThat(parts.get(0).body()).isEqualTo(java.util.Arrays.copyOfRange(data, 0, 10));
            assertThat(parts.get(1).contentRange()).isEqualTo("bytes 500-599/1000");
            assertThat(parts.get(1).body()).isEqualTo(java.util.Arrays.copyOfRange(data, 500, 600));
            assertThat(parts.get(2).contentRange()).isEqualTo("bytes 995-999/1000");
            assertThat(parts.get(2).body()).isEqualTo(java.util.Arrays.copyOfRange(data, 995, 1000));
            assertThat(parts).allSatisfy(p -> assertThat(p.contentType()).isEqualTo("application/octet-stream"));
        }

        @Test
        void anUnsatisfiableRangeIs416WithTheLength() throws IOException {
            RawResponse r = serve().get("/hello.txt", "Range: bytes=100-200");
            assertThat(r.status()).isEqualTo(416);
            assertThat(r.header("Content-Range")).isEqualTo("bytes */13");
        }

        @Test
        void tooManyOrOverlappingOrMalformedRangesSendTheWholeFile() throws IOException {
            FilesServer s = serve();
            StringBuilder many = new StringBuilder("Range: bytes=");
            for (int i = 0; i < 17; i++) many.append(i * 10).append('-').append(i * 10 + 1).append(i < 16 ? "," : "");
            for (String range : List.of(many.toString(), "Range: bytes=0-9,5-20", "Range: bytes=0-,0-", "Range: bytes=x-y",
                    "Range: lines=1-2")) {
                RawResponse r = s.get("/data.bin", range);
                assertThat(r.status()).as(range).isEqualTo(200);
                assertThat(r.body()).hasSize(1000);
            }
        }

        @Test
        void theRangeLimitIsConfigurableAndZeroTurnsRangesOff() throws IOException {
            assertThat(serve(StaticFilesConfig.defaults().withMaxRanges(2)).get("/data.bin", "Range: bytes=0-1,3-4,6-7").status())
                    .isEqualTo(200);
            RawResponse off = serve(StaticFilesConfig.defaults().withMaxRanges(0)).get("/data.bin", "Range: bytes=0-1");
            assertThat(off.status()).isEqualTo(200);
            assertThat(off.header("Accept-Ranges")).isNull();
        }

        @Test
        void ifRangeWithTheCurrentTagOrDateAppliesTheRange() throws IOException {
            FilesServer s = serve();
            assertThat(s.get("/hello.txt", "Range: bytes=0-4", "If-Range: " + etagOf(13)).status()).isEqualTo(206);
            assertThat(s.get("/hello.txt", "Range: bytes=0-4", "If-Range: " + MTIME_TEXT).status()).isEqualTo(206);
        }

        @Test
        void ifRangeWithAnOldValidatorSendsTheWholeFile() throws IOException {
            FilesServer s = serve();
            for (String ifRange : List.of("\"old\"", "W/" + etagOf(13), HttpDates.format(MTIME - 10), "nonsense")) {
                RawResponse r = s.get("/hello.txt", "Range: bytes=0-4", "If-Range: " + ifRange);
                assertThat(r.status()).as(ifRange).isEqualTo(200);
                assertThat(r.bodyText()).isEqualTo(HELLO);
            }
        }

        @Test
        void headIgnoresRanges() throws IOException {
            RawResponse r = serve().request("HEAD", "/hello.txt", "Range: bytes=0-4");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Length")).isEqualTo("13");
        }

        @Test
        void aRangeAppliesToThePrecompressedRepresentation() throws IOException {
            RawResponse r = serve().get("/app.js", "Accept-Encoding: gzip", "Range: bytes=0-1");
            assertThat(r.status()).isEqualTo(206);
            assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
            assertThat(r.bodyText()).isEqualTo("GZ");
            assertThat(r.header("Content-Range")).isEqualTo("bytes 0-1/8");
        }

        @Test
        void anEmptyFileIgnoresTheRange() throws IOException {
            write("empty.txt", "");
            RawResponse r = serve().get("/empty.txt", "Range: bytes=0-");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Length")).isEqualTo("0");
        }
    }

    @Nested
    class Directories {
        @Test
        void theIndexFileAnswersForADirectory() throws IOException {
            FilesServer s = serve();
            RawResponse r = s.get("/");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("<h1>home</h1>\n");
            assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(s.get("/site/").bodyText()).isEqualTo("<p>site</p>\n");
        }

        @Test
        void aDirectoryWithoutSlashIsRedirected() throws IOException {
            RawResponse r = serve().get("/site?x=1&y=%20");
            assertThat(r.status()).isEqualTo(301);
            assertThat(r.header("Location")).isEqualTo("/site/?x=1&y=%20");
        }

        @Test
        void theRedirectKeepsTheMountPrefix() throws IOException {
            FilesServer s = serve(UrlMap.builder().mount("/static", StaticFiles.of(root)).build());
            assertThat(s.get("/static").header("Location")).isEqualTo("/static/");
            assertThat(s.get("/static/site").header("Location")).isEqualTo("/static/site/");
            assertThat(s.get("/static/site/").bodyText()).isEqualTo("<p>site</p>\n");
            assertThat(s.get("/static/hello.txt").bodyText()).isEqualTo(HELLO);
        }

        @Test
        void aDirectoryWithoutIndexIs403WhenListingsAreOff() throws IOException {
            assertThat(serve().get("/docs/").status()).isEqualTo(403);
        }

        @Test
        void indexFilesAreConfigurable() throws IOException {
            write("docs/default.htm", "default");
            FilesServer s = serve(StaticFilesConfig.defaults().withIndexFiles("default.htm", "index.html"));
            assertThat(s.get("/docs/").bodyText()).isEqualTo("default");
            assertThat(s.get("/").bodyText()).isEqualTo("<h1>home</h1>\n");
        }

        @Test
        void aListingIsSortedEscapedAndHidesDotFiles() throws IOException {
            FilesServer s = serve(UrlMap.builder().mount("/static",
                    StaticFiles.of(root, StaticFilesConfig.defaults().withListDirectories(true))).build());
            RawResponse r = s.get("/static/docs/");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
            String html = r.bodyText();
            assertThat(html).contains("<title>Index of /static/docs/</title>");
            assertThat(html).contains("<a href=\"./%3Cb%3E&amp;&#39;.txt\">&lt;b&gt;&amp;&#39;.txt</a>");
            assertThat(html).doesNotContain("<b>&");
            assertThat(html).doesNotContain(".hidden");
            assertThat(html).contains("<a href=\"../\">../</a>");
            assertThat(html.indexOf("./sub/")).as("directories first").isLessThan(html.indexOf("./a.txt"));
            assertThat(html.indexOf("./a.txt")).isLessThan(html.indexOf("./z.txt"));
            assertThat(html).contains("14-Nov-2023 22:13");
            assertThat(html).containsPattern("z\\.txt</a></td><td>[^<]*</td><td>2</td>");
        }

        @Test
        void aListingLeavesOutLinksOutOfTheRoot() throws IOException {
            String html = serve(StaticFilesConfig.defaults().withListDirectories(true).withIndexFiles("none.html")).get("/").bodyText();
            assertThat(html).contains("./inside\"").doesNotContain("escape");
        }

        @Test
        void aListingIsBounded() throws IOException {
            String html = serve(StaticFilesConfig.defaults().withListDirectories(true).withMaxListingEntries(2)).get("/docs/").bodyText();
            assertThat(html).contains("Only the first 2 entries are listed.");
        }
    }

    @Nested
    class HiddenFilesAndTraversal {
        @ParameterizedTest
        @ValueSource(strings = {"/.env", "/.git/config", "/docs/.hidden", "/%2eenv", "/.git/"})
        void dotFilesAre404(String target) throws IOException {
            assertThat(serve().get(target).status()).isEqualTo(404);
        }

        @Test
        void wellKnownIsServed() throws IOException {
            assertThat(serve().get("/.well-known/acme-challenge/token").bodyText()).isEqualTo("challenge");
        }

        @Test
        void dotFilesCanBeServed() throws IOException {
            assertThat(serve(StaticFilesConfig.defaults().withHiddenFiles(true)).get("/.env").status()).isEqualTo(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/../outside/secret.txt", "/docs/../../outside/secret.txt", "/%2e%2e/outside/secret.txt",
                "/%2E%2E/%2E%2E/outside/secret.txt", "/..%2foutside%2fsecret.txt", "/docs/..%5c..%5coutside%5csecret.txt",
                "/docs\\..\\..\\outside\\secret.txt", "/hello.txt%00.png", "/%252e%252e/outside/secret.txt",
                "/..%252foutside%252fsecret.txt", "/escape", "/escape-dir/secret.txt"})
        void traversalIsRefused(String target) throws IOException {
            RawResponse r = serve().get(target);
            assertThat(r.status()).as(target).isEqualTo(403);
            assertThat(r.bodyText()).doesNotContain("top secret");
        }

        @Test
        void traversalIsLoggedWithThePathAndClient() throws IOException {
            FilesServer s = serve();
            try (LogCapture log = new LogCapture()) {
                s.get("/%2e%2e/outside/secret.txt");
                assertThat(log.text()).contains("WARN").contains("refused GET \"/%2e%2e/outside/secret.txt\" from 127.0.0.1")
                        .contains("'..' segment");
            }
        }

        @Test
        void aLinkWithinTheRootIsFollowed() throws IOException {
            assertThat(serve().get("/inside").bodyText()).isEqualTo(HELLO);
        }

        @Test
        void linksCanBeRefusedOrAllAllowed() throws IOException {
            assertThat(serve(StaticFilesConfig.defaults().withSymlinks(StaticFilesConfig.Symlinks.REFUSE)).get("/inside").status())
                    .isEqualTo(403);
            assertThat(serve(StaticFilesConfig.defaults().withSymlinks(StaticFilesConfig.Symlinks.ANY)).get("/escape").bodyText())
                    .isEqualTo("top secret");
        }
    }

    @Nested
    class Precompressed {
        @Test
        void brotliIsPreferredWhenBothAreAccepted() throws IOException {
            RawResponse r = serve().get("/app.js", "Accept-Encoding: gzip, deflate, br");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Encoding")).isEqualTo("br");
            assertThat(r.bodyText()).isEqualTo("BR");
            assertThat(r.header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
            assertThat(r.header("Vary")).isEqualTo("Accept-Encoding");
            assertThat(r.header("Content-Length")).isEqualTo("2");
        }

        @Test
        void qValuesDecide() throws IOException {
            FilesServer s = serve();
            assertThat(s.get("/app.js", "Accept-Encoding: br;q=0.5, gzip").header("Content-Encoding")).isEqualTo("gzip");
            assertThat(s.get("/app.js", "Accept-Encoding: gzip").bodyText()).isEqualTo("GZ-BYTES");
            RawResponse none = s.get("/app.js", "Accept-Encoding: br;q=0, gzip;q=0");
            assertThat(none.header("Content-Encoding")).isNull();
            assertThat(none.bodyText()).isEqualTo("console.log('identity');\n");
        }

        @Test
        void theIdentityResponseVariesToo() throws IOException {
            RawResponse r = serve().get("/app.js");
            assertThat(r.header("Content-Encoding")).isNull();
            assertThat(r.header("Vary")).isEqualTo("Accept-Encoding");
        }

        @Test
        void eachRepresentationHasItsOwnTag() throws IOException {
            FilesServer s = serve();
            String identity = s.get("/app.js").header("ETag");
            String br = s.get("/app.js", "Accept-Encoding: br").header("ETag");
            String gzip = s.get("/app.js", "Accept-Encoding: gzip").header("ETag");
            assertThat(List.of(identity, br, gzip)).doesNotHaveDuplicates();
            assertThat(br).endsWith("-br\"");
            assertThat(gzip).endsWith("-gzip\"");
            assertThat(s.get("/app.js", "Accept-Encoding: br", "If-None-Match: " + gzip).status()).isEqualTo(200);
            assertThat(s.get("/app.js", "Accept-Encoding: br", "If-None-Match: " + br).status()).isEqualTo(304);
        }

        @Test
        void aCompressedFileAskedForByNameIsServedAsItself() throws IOException {
            RawResponse r = serve().get("/app.js.gz", "Accept-Encoding: gzip");
            assertThat(r.header("Content-Encoding")).isNull();
            assertThat(r.header("Content-Type")).isEqualTo("application/gzip");
        }

        @Test
        void siblingsCanBeIgnored() throws IOException {
            RawResponse r = serve(StaticFilesConfig.defaults().withPrecompressed(false)).get("/app.js", "Accept-Encoding: br, gzip");
            assertThat(r.header("Content-Encoding")).isNull();
            assertThat(r.header("Vary")).isNull();
        }
    }

    @Nested
    class CacheControl {
        @Test
        void aDefaultValueAppliesToEveryFile() throws IOException {
            RawResponse r = serve(StaticFilesConfig.defaults().withCacheControl("public, max-age=600")).get("/hello.txt");
            assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=600");
        }

        @Test
        void theFirstMatchingRuleWins() throws IOException {
            FilesServer s = serve(StaticFilesConfig.defaults().withCacheControl("no-cache").withCacheRules(
                    CacheRule.immutable("*.[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f].js"),
                    new CacheRule("assets/**", "max-age=60"),
                    new CacheRule("*.txt", "max-age=5")));
            assertThat(s.get("/assets/app.0123abcd.js").header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
            assertThat(s.get("/assets/plain.js").header("Cache-Control")).isEqualTo("max-age=60");
            assertThat(s.get("/hello.txt").header("Cache-Control")).isEqualTo("max-age=5");
            assertThat(s.get("/index.html").header("Cache-Control")).isEqualTo("no-cache");
            assertThat(s.get("/").header("Cache-Control")).as("the index file's name counts").isEqualTo("no-cache");
        }
    }

    record Part(String contentType, String contentRange, byte[] body) {
    }

    /** Splits a multipart/byteranges body strictly as RFC 2046 frames it. */
    static List<Part> parseMultipart(byte[] body, String boundary) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        assertThat(text).startsWith(delimiter + "\r\n");
        assertThat(text).endsWith("\r\n" + delimiter + "--\r\n");
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (true) {
            int start = text.indexOf(delimiter, at) + delimiter.length();
            if (text.startsWith("--", start)) break;
            int headEnd = text.indexOf("\r\n\r\n", start);
            String head = text.substring(start + 2, headEnd);
            int next = text.indexOf("\r\n" + delimiter, headEnd + 4);
            String type = null;
            String range = null;
            for (String line : head.split("\r\n")) {
                if (line.startsWith("Content-Type: ")) type = line.substring(14);
                if (line.startsWith("Content-Range: ")) range = line.substring(15);
            }
            parts.add(new Part(type, range, text.substring(headEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1)));
            at = next + 2;
        }
        return parts;
    }
}
