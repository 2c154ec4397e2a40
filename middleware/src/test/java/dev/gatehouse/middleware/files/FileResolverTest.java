package dev.gatehouse.middleware.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.middleware.files.FileResolver.Directory;
import dev.gatehouse.middleware.files.FileResolver.Found;
import dev.gatehouse.middleware.files.FileResolver.Missing;
import dev.gatehouse.middleware.files.FileResolver.Refused;
import dev.gatehouse.middleware.files.FileResolver.Resolution;
import dev.gatehouse.middleware.files.StaticFilesConfig.Symlinks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileResolverTest {
    @TempDir
    Path tmp;
    Path root;
    Path outside;

    @BeforeEach
    void files() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(root.resolve("a.txt"), "a");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/b.txt"), "b");
        Files.writeString(root.resolve(".env"), "hidden");
        Files.createDirectories(root.resolve(".well-known"));
        Files.writeString(root.resolve(".well-known/security.txt"), "contact");
        if (FileNames.utf8()) Files.writeString(root.resolve("caf\u00e9.txt"), "utf8");
        Files.createSymbolicLink(root.resolve("out"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("outdir"), outside);
        Files.createSymbolicLink(root.resolve("in"), root.resolve("sub/b.txt"));
    }

    private Resolution resolve(String pathInfo) {
        return resolve(pathInfo, StaticFilesConfig.defaults());
    }

    private Resolution resolve(String pathInfo, StaticFilesConfig config) {
        return new FileResolver(root, config).resolve(pathInfo);
    }

    private static String latin1(String utf8) {
        return new String(utf8.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void findsFilesAndDirectories() {
        assertThat(resolve("/a.txt")).isInstanceOf(Found.class);
        assertThat(resolve("/sub/b.txt")).isInstanceOfSatisfying(Found.class,
                f -> assertThat(f.relativePath()).isEqualTo("sub/b.txt"));
        assertThat(resolve("/sub")).isInstanceOf(Directory.class);
        assertThat(resolve("")).isInstanceOf(Directory.class);
        assertThat(resolve("/")).isInstanceOf(Directory.class);
        assertThat(resolve("/nope")).isInstanceOf(Missing.class);
    }

    @Test
    void mergesEmptyAndDotSegments() {
        assertThat(resolve("//sub/./b.txt")).isInstanceOf(Found.class);
    }

    @Test
    void decodesSegmentsAsUtf8() {
        assumeTrue(FileNames.utf8(), FileNames.NO_UTF8);
        assertThat(resolve(latin1("/caf\u00e9.txt"))).isInstanceOf(Found.class);
        assertThat(resolve("/caf\u00e9.txt")).isInstanceOf(Missing.class); // one byte 0xE9: not UTF-8
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../outside/secret.txt", "/sub/../../outside/secret.txt", "/..", "/a.txt/..",
            "/sub\\..\\a.txt", "/a.txt\0.png", "/%2e%2e/outside/secret.txt", "/..%2foutside", "/%2E%2E",
            "/sub/..%5c..%5coutside", "/x%00"})
    void refusesTraversalAsAnAttack(String pathInfo) {
        assertThat(resolve(pathInfo)).as(pathInfo).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.attack()).isTrue();
        });
    }

    @Test
    void hidesDotFilesUnlessAllowed() {
        assertThat(resolve("/.env")).isInstanceOf(Missing.class);
        assertThat(resolve("/.well-known/security.txt")).isInstanceOf(Found.class);
        assertThat(resolve("/.env", StaticFilesConfig.defaults().withHiddenFiles(true))).isInstanceOf(Found.class);
        assertThat(resolve("/.well-known/security.txt", StaticFilesConfig.defaults().withHiddenAllowed()))
                .isInstanceOf(Missing.class);
    }

    @Test
    void followsLinksWithinTheRootOnly() {
        assertThat(resolve("/in")).isInstanceOf(Found.class);
        assertThat(resolve("/out")).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.reason()).contains("out of the root");
        });
        assertThat(resolve("/outdir/secret.txt")).isInstanceOf(Refused.class);
    }

    @Test
    void theSymlinkPolicyIsConfigurable() {
        StaticFilesConfig refuse = StaticFilesConfig.defaults().withSymlinks(Symlinks.REFUSE);
        assertThat(resolve("/in", refuse)).isInstanceOf(Refused.class);
        assertThat(resolve("/a.txt", refuse)).isInstanceOf(Found.class);
        StaticFilesConfig any = StaticFilesConfig.defaults().withSymlinks(Symlinks.ANY);
        assertThat(resolve("/out", any)).isInstanceOf(Found.class);
    }

    @Test
    void findsPrecompressedSiblings() throws IOException {
        Files.writeString(root.resolve("a.txt.gz"), "gz");
        FileResolver resolver = new FileResolver(root, StaticFilesConfig.defaults());
        Found a = (Found) resolver.resolve("/a.txt");
        assertThat(resolver.sibling(a, ".gz")).isNotNull();
        assertThat(resolver.sibling(a, ".br")).isNull();
    }

    @Test
    void theRootMustBeAnExistingDirectory() {
        assertThatThrownBy(() -> new FileResolver(tmp.resolve("missing"), StaticFilesConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileResolver(root.resolve("a.txt"), StaticFilesConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // A resolution is remembered (ResolutionCache), but a file found is checked on every use.

    @Test
    void aFileRewrittenSinceItWasResolvedIsSeenWithItsNewSizeAtOnce() throws IOException {
        FileResolver resolver = new FileResolver(root, StaticFilesConfig.defaults());
        assertThat(resolver.resolve("/a.txt")).isInstanceOfSatisfying(Found.class, f -> assertThat(f.attributes().size()).isEqualTo(1));
        Files.writeString(root.resolve("a.txt"), "four");
        assertThat(resolver.resolve("/a.txt")).isInstanceOfSatisfying(Found.class, f -> assertThat(f.attributes().size()).isEqualTo(4));
    }

    @Test
    void aFileDeletedSinceItWasResolvedIsMissingAtOnce() throws IOException {
        FileResolver resolver = new FileResolver(root, StaticFilesConfig.defaults());
        assertThat(resolver.resolve("/sub/b.txt")).isInstanceOf(Found.class);
        Files.delete(root.resolve("sub/b.txt"));
        assertThat(resolver.resolve("/sub/b.txt")).isInstanceOf(Missing.class);
    }

    @Test
    void aDirectorySwappedForALinkOutOfTheRootIsRefusedAtOnce() throws IOException {
        FileResolver resolver = new FileResolver(root, StaticFilesConfig.defaults());
        assertThat(resolver.resolve("/sub/b.txt")).isInstanceOf(Found.class);
        Files.writeString(outside.resolve("b.txt"), "outside");
        Files.move(root.resolve("sub"), tmp.resolve("old-sub"));
        Files.createSymbolicLink(root.resolve("sub"), outside);
        assertThat(resolver.resolve("/sub/b.txt")).isInstanceOfSatisfying(Refused.class, r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.attack()).isTrue();
        });
    }

    @Test
    void rememberedPathsAreBounded() {
        FileResolver resolver = new FileResolver(root, StaticFilesConfig.defaults());
        for (int i = 0; i < ResolutionCache.MAX_ENTRIES + 100; i++) {
            assertThat(resolver.resolve("/missing-" + i)).isInstanceOf(Missing.class);
        }
        assertThat(resolver.cachedPaths()).isBetween(1, ResolutionCache.MAX_ENTRIES);
    }
}
