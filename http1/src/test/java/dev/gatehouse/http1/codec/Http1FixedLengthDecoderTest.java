package dev.gatehouse.http1.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Bodies of a declared Content-Length: exactly that many bytes, never one more. */
class Http1FixedLengthDecoderTest {
    private static Function<Http1Reader, Http1BodyDecoder> length(long n) {
        return reader -> new Http1FixedLengthDecoder(reader, n);
    }

    @Test
    void readsExactlyTheDeclaredLength() {
        assertThat(Bodies.decode("hello world", length(11))).isEqualTo("hello world");
    }

    @Test
    void leavesTheNextRequestAloneWhenTheBodyLooksLikeOne() {
        String body = "GET / HTTP/1.1\r\n\r\n";
        assertThat(Bodies.decode(body, length(body.length()))).isEqualTo(body);
    }

    @Test
    void keepsEveryByteValue() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c < 256; c++) all.append((char) c);
        assertThat(Bodies.decode(all.toString(), length(256))).isEqualTo(all.toString());
    }

    @Test
    void readsBodyLargerThanTheReaderBuffer() {
        String data = "0123456789abcdef".repeat(8192);
        assertThat(Bodies.decode(data, length(data.length()))).isEqualTo(data);
    }

    @Test
    void isCompleteAtOnceForZeroLength() throws IOException {
        Http1FixedLengthDecoder body = new Http1FixedLengthDecoder(Feed.WHOLE.reader(new byte[] {'x'}, 16, 16), 0);
        assertThat(body.complete()).isTrue();
        assertThat(body.read(new byte[4], 0, 4)).isEqualTo(-1);
        assertThat(body.available()).isZero();
        assertThat(Bodies.decode("", length(0))).isEmpty();
    }

    @Test
    void rejectsEveryTruncation() {
        String body = "hello world";
        for (int end = 0; end < body.length(); end++) {
            Bodies.assertRejected(body.substring(0, end), length(body.length()), 400, "connection closed before the end of the request body");
        }
    }

    @Test
    void tracksWhatIsLeft() throws IOException {
        byte[] wire = "hello worldGET".getBytes(StandardCharsets.ISO_8859_1);
        Http1FixedLengthDecoder body = new Http1FixedLengthDecoder(Feed.WHOLE.reader(wire, 64, 64), 11);
        assertThat(body.read(new byte[4], 0, 0)).isZero();
        assertThat(body.read()).isEqualTo('h');
        assertThat(body.available()).isEqualTo(10); // buffered, but never past the body
        byte[] buf = new byte[64];
        assertThat(body.read(buf, 0, 64)).isEqualTo(10);
        assertThat(new String(buf, 0, 10, StandardCharsets.ISO_8859_1)).isEqualTo("ello world");
        assertThat(body.complete()).isTrue();
        assertThat(body.available()).isZero();
        assertThat(body.read(buf, 0, 64)).isEqualTo(-1);
    }

    @Test
    void staysShortAfterTruncation() throws IOException {
        Http1FixedLengthDecoder body = new Http1FixedLengthDecoder(Feed.WHOLE.reader("abc".getBytes(StandardCharsets.US_ASCII), 16, 16), 5);
        assertThat(body.read(new byte[8], 0, 8)).isEqualTo(3);
        assertThatThrownBy(() -> body.read(new byte[8], 0, 8)).isInstanceOf(Http1Exception.class)
                .extracting(e -> ((Http1Exception) e).status()).isEqualTo(400);
        assertThat(body.complete()).isFalse();
    }
}
