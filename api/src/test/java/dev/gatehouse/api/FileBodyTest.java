package dev.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBodyTest {
    @TempDir
    Path dir;

    private Path file(byte[] content) throws IOException {
        return Files.write(dir.resolve("f.bin"), content);
    }

    private static byte[] drain(Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk;
        while ((chunk = body.next()) != null) out.write(chunk);
        return out.toByteArray();
    }

    @Test
    void readsItsRegionOnly() throws IOException {
        Path f = file("0123456789".getBytes(StandardCharsets.US_ASCII));
        try (FileBody body = new FileBody(FileChannel.open(f), 2, 5)) {
            assertThat(new String(drain(body), StandardCharsets.US_ASCII)).isEqualTo("23456");
        }
    }

    @Test
    void readsALargeFileInChunksOfAtMost64Kib() throws IOException {
        byte[] content = new byte[200_000];
        for (int i = 0; i < content.length; i++) content[i] = (byte) (i % 251);
        try (FileBody body = FileBody.of(file(content))) {
            assertThat(body.start()).isZero();
            assertThat(body.length()).isEqualTo(content.length);
            assertThat(body.next()).hasSize(64 * 1024);
            byte[] rest = drain(body);
            assertThat(rest).hasSize(content.length - 64 * 1024);
            assertThat(rest[0]).isEqualTo(content[64 * 1024]);
        }
    }

    @Test
    void endsEarlyWhenTheFileIsShorterThanTheRegion() throws IOException {
        Path f = file("0123".getBytes(StandardCharsets.US_ASCII));
        try (FileBody body = new FileBody(FileChannel.open(f), 2, 10)) {
            assertThat(new String(drain(body), StandardCharsets.US_ASCII)).isEqualTo("23");
        }
    }

    @Test
    void closesItsChannel() throws IOException {
        FileChannel channel = FileChannel.open(file(new byte[1]));
        new FileBody(channel, 0, 1).close();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void rejectsANegativeRegion() throws IOException {
        try (FileChannel channel = FileChannel.open(file(new byte[1]))) {
            assertThatThrownBy(() -> new FileBody(channel, -1, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new FileBody(channel, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void isWhatTheDefaultFileWrapperReturns() throws IOException {
        try (FileChannel channel = FileChannel.open(file(new byte[4]))) {
            assertThat(FileWrapper.DEFAULT.wrap(channel, 1, 2)).isInstanceOfSatisfying(FileBody.class, body -> {
                assertThat(body.channel()).isSameAs(channel);
                assertThat(body.start()).isEqualTo(1);
                assertThat(body.length()).isEqualTo(2);
            });
        }
    }
}
