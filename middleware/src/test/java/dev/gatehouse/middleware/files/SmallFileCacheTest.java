package dev.gatehouse.middleware.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testkit.RawResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small files served from memory are never stale: each change of the file is seen by the next request. */
class SmallFileCacheTest {
    @TempDir
    Path root;
    private FilesServer server;

    @BeforeEach
    void start() throws IOException {
        Files.writeString(root.resolve("page.txt"), "first");
        Files.setLastModifiedTime(root.resolve("page.txt"), FileTime.fromMillis(1_700_000_000_000L));
        server = new FilesServer(StaticFiles.of(root, StaticFilesConfig.defaults()));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void aRewriteOfTheSameSizeIsServedAtOnce() throws IOException {
        assertThat(server.get("/page.txt").bodyText()).isEqualTo("first");
        assertThat(server.get("/page.txt").bodyText()).as("from memory now").isEqualTo("first");
        Files.writeString(root.resolve("page.txt"), "other");
        Files.setLastModifiedTime(root.resolve("page.txt"), FileTime.fromMillis(1_700_000_100_000L));
        RawResponse r = server.get("/page.txt");
        assertThat(r.bodyText()).isEqualTo("other");
        assertThat(r.header("Last-Modified")).isEqualTo(HttpDates.format(1_700_000_100L));
    }

    @Test
    void aFileReplacedByRenameWithTheSameTimeIsServedAtOnce() throws IOException {
        assertThat(server.get("/page.txt").bodyText()).isEqualTo("first");
        Path next = root.resolve("next.tmp");
        Files.writeString(next, "again");
        Files.setLastModifiedTime(next, FileTime.fromMillis(1_700_000_000_000L)); // same size and time: only the inode differs
        Files.move(next, root.resolve("page.txt"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(server.get("/page.txt").bodyText()).isEqualTo("again");
    }

    @Test
    void rangesAndHeadOfACachedFileAreStillRight() throws IOException {
        assertThat(server.get("/page.txt").bodyText()).isEqualTo("first");
        RawResponse range = server.get("/page.txt", "Range: bytes=1-3");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.bodyText()).isEqualTo("irs");
        RawResponse head = server.request("HEAD", "/page.txt");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo("5");
        assertThat(head.body()).isEmpty();
        assertThat(server.get("/page.txt", "If-None-Match: " + server.get("/page.txt").header("ETag")).status()).isEqualTo(304);
    }

    @Test
    void aFileGrownPastTheLimitGoesOutFromDisk() throws IOException {
        assertThat(server.get("/page.txt").bodyText()).isEqualTo("first");
        String big = "x".repeat(SmallFileCache.MAX_FILE_BYTES + 1);
        Files.writeString(root.resolve("page.txt"), big);
        assertThat(server.get("/page.txt").bodyText()).isEqualTo(big);
    }
}
