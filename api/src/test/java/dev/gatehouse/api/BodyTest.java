package dev.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BodyTest {
    @Test
    void emptyEndsAtOnce() throws IOException {
        assertThat(Body.empty().next()).isNull();
    }

    @Test
    void textIsUtf8() throws IOException {
        Body body = Body.of("caf\u00e9");
        assertThat(body.next()).isEqualTo("caf\u00e9".getBytes(StandardCharsets.UTF_8));
        assertThat(body.next()).isNull();
    }

    @Test
    void chunksComeInOrder() throws IOException {
        byte[] a = {1};
        byte[] b = {};
        Body body = Body.of(List.of(a, b));
        assertThat(body.next()).isSameAs(a);
        assertThat(body.next()).isSameAs(b);
        assertThat(body.next()).isNull();
        assertThat(body.next()).isNull();
    }

    @Test
    void streamIsReadInChunksOfAtMost64KibAndClosedWithTheBody() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        Body body = Body.of(new ByteArrayInputStream(new byte[65536 + 10]) {
            @Override
            public void close() {
                closed.set(true);
            }
        });

        assertThat(body.next()).hasSize(65536);
        assertThat(body.next()).hasSize(10);
        assertThat(body.next()).isNull();
        body.close();
        assertThat(closed).isTrue();
    }
}
