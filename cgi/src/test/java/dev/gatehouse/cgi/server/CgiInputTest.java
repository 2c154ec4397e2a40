package dev.gatehouse.cgi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CgiInputTest {
    /** A stdin that hands out at most {@code step} bytes per read and counts what it gave, like a pipe. */
    static final class Pipe extends InputStream {
        private final ByteArrayInputStream bytes;
        private final int step;
        int readCalls;

        Pipe(String content, int step) {
            this.bytes = new ByteArrayInputStream(content.getBytes(StandardCharsets.US_ASCII));
            this.step = step;
        }

        @Override
        public int read() {
            readCalls++;
            return bytes.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            readCalls++;
            return bytes.read(b, off, Math.min(len, step));
        }

        String left() {
            return new String(bytes.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void endsAtContentLengthWhateverFollowsInStdin() throws IOException {
        Pipe stdin = new Pipe("hello world", 3);
        CgiInput in = new CgiInput(stdin, 5);
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(new byte[10], 0, 10)).isEqualTo(-1);
        assertThat(stdin.left()).isEqualTo(" world");
        assertThat(in.remaining()).isZero();
    }

    @Test
    void singleByteReadsAreBufferedButNeverPastTheBody() throws IOException {
        Pipe stdin = new Pipe("0123456789rest", 100);
        CgiInput in = new CgiInput(stdin, 10);
        StringBuilder got = new StringBuilder();
        for (int b; (b = in.read()) >= 0; ) got.append((char) b);
        assertThat(got).hasToString("0123456789");
        assertThat(stdin.readCalls).as("one buffered read for ten single-byte reads").isEqualTo(1);
        assertThat(stdin.left()).isEqualTo("rest");
    }

    @Test
    void largeReadsGoStraightToStdinWithinTheBody() throws IOException {
        String body = "x".repeat(20_000);
        Pipe stdin = new Pipe(body + "tail", 65536);
        CgiInput in = new CgiInput(stdin, body.length());
        byte[] big = new byte[50_000];
        assertThat(in.read(big, 0, big.length)).isEqualTo(20_000);
        assertThat(in.read(big, 0, big.length)).isEqualTo(-1);
        assertThat(stdin.left()).isEqualTo("tail");
    }

    @Test
    void aStdinThatEndsEarlyIsA400OnThisReadAndEveryLaterOne() throws IOException {
        CgiInput in = new CgiInput(new Pipe("abc", 10), 8);
        byte[] buf = new byte[4];
        assertThat(in.read(buf, 0, 4)).isEqualTo(3);
        assertThatThrownBy(() -> in.read(buf, 0, 4)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("ended after 3 of its 8 bytes")
                .satisfies(e -> assertThat(((ProtocolException) e).status()).isEqualTo(400));
        assertThatThrownBy(in::read).isInstanceOf(ProtocolException.class);
    }

    @Test
    void aBodyWithoutLengthIsReadToTheEndOfStdin() throws IOException {
        CgiInput in = new CgiInput(new Pipe("all of it", 2), -1);
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("all of it");
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void spoolingReadsTheRestOfTheBodyAndTheAppStillGetsAllOfIt() throws IOException {
        Pipe stdin = new Pipe("0123456789after", 4);
        CgiInput in = new CgiInput(stdin, 10);
        assertThat(in.read()).isEqualTo('0');
        assertThat(in.spoolRest(1024)).isTrue();
        assertThat(stdin.left()).as("the rest of the body was taken off stdin, nothing more").isEqualTo("after");
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("123456789");
    }

    @Test
    void aBodyOverTheSpoolBoundStaysInStdin() throws IOException {
        Pipe stdin = new Pipe("0123456789", 4);
        CgiInput in = new CgiInput(stdin, 10);
        assertThat(in.spoolRest(5)).isFalse();
        assertThat(stdin.readCalls).isZero();
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("0123456789");
    }

    @Test
    void aShortStdinFoundWhileSpoolingIsToldWhenTheAppGetsThere() throws IOException {
        CgiInput in = new CgiInput(new Pipe("0123", 4), 10);
        assertThat(in.spoolRest(1024)).isFalse();
        byte[] buf = new byte[10];
        assertThat(in.read(buf, 0, 10)).isEqualTo(4);
        assertThatThrownBy(() -> in.read(buf, 0, 10)).isInstanceOf(ProtocolException.class).hasMessageContaining("4 of its 10");
    }
}
