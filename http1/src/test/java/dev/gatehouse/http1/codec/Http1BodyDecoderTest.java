package dev.gatehouse.http1.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What both body decoders share: {@code read()} and the bounded {@code drain} before a connection is reused. */
class Http1BodyDecoderTest {
    private static Http1Reader reader(Feed feed, String wire) {
        return feed.reader(wire.getBytes(StandardCharsets.ISO_8859_1), 16, 8192);
    }

    @Test
    void drainsTheRestOfAFixedLengthBodyAndStopsAtItsEnd() throws IOException {
        for (Feed feed : Feed.values()) {
            Http1Reader in = reader(feed, "0123456789" + Bodies.NEXT);
            Http1FixedLengthDecoder body = new Http1FixedLengthDecoder(in, 10);
            assertThat(body.read()).isEqualTo('0');
            assertThat(body.drain(100)).as("fed %s", feed).isTrue();
            assertThat(body.complete()).isTrue();
            assertThat(Bodies.rest(in)).isEqualTo(Bodies.NEXT);
        }
    }

    @Test
    void drainsTheRestOfAChunkedBodyWithItsTrailers() throws IOException {
        for (Feed feed : Feed.values()) {
            Http1Reader in = reader(feed, "5\r\nhello\r\n5\r\nworld\r\n0\r\nX: y\r\n\r\n" + Bodies.NEXT);
            Http1ChunkedDecoder body = new Http1ChunkedDecoder(in, 100, 100, 100);
            assertThat(body.drain(100)).as("fed %s", feed).isTrue();
            assertThat(body.complete()).isTrue();
            assertThat(Bodies.rest(in)).isEqualTo(Bodies.NEXT);
        }
    }

    @Test
    void refusesToDrainMoreThanAllowed() throws IOException {
        for (Feed feed : Feed.values()) {
            Http1FixedLengthDecoder body = new Http1FixedLengthDecoder(reader(feed, "x".repeat(100)), 100);
            assertThat(body.drain(50)).as("fed %s", feed).isFalse();
            assertThat(body.complete()).isFalse();
        }
    }

    @Test
    void drainsExactlyTheAllowance() throws IOException {
        for (Feed feed : Feed.values()) {
            Http1FixedLengthDecoder body = new Http1FixedLengthDecoder(reader(feed, "x".repeat(50) + Bodies.NEXT), 50);
            assertThat(body.drain(50)).as("fed %s", feed).isTrue();
        }
    }

    @Test
    void drainsWithoutALimit() throws IOException {
        for (Feed feed : Feed.values()) {
            Http1Reader in = reader(feed, "x".repeat(20000) + Bodies.NEXT);
            Http1FixedLengthDecoder body = new Http1FixedLengthDecoder(in, 20000);
            assertThat(body.drain(Long.MAX_VALUE)).as("fed %s", feed).isTrue();
            assertThat(Bodies.rest(in)).isEqualTo(Bodies.NEXT);
            Http1Reader chunkedIn = reader(feed, "5\r\nhello\r\n0\r\n\r\n" + Bodies.NEXT);
            assertThat(new Http1ChunkedDecoder(chunkedIn, 100, 100, 100).drain(Long.MAX_VALUE)).isTrue();
            assertThat(Bodies.rest(chunkedIn)).isEqualTo(Bodies.NEXT);
        }
    }

    @Test
    void drainOfACompleteBodyReadsNothing() throws IOException {
        Http1Reader in = reader(Feed.WHOLE, Bodies.NEXT);
        assertThat(new Http1FixedLengthDecoder(in, 0).drain(0)).isTrue();
        assertThat(Bodies.rest(in)).isEqualTo(Bodies.NEXT);
    }

    @Test
    void drainReportsATruncatedBody() {
        assertThatThrownBy(() -> new Http1FixedLengthDecoder(reader(Feed.WHOLE, "abc"), 10).drain(100))
                .isInstanceOf(Http1Exception.class);
        assertThatThrownBy(() -> new Http1ChunkedDecoder(reader(Feed.WHOLE, "5\r\nab"), 100, 100, 100).drain(100))
                .isInstanceOf(Http1Exception.class);
    }

    @Test
    void readsSingleBytesAsUnsigned() throws IOException {
        Http1FixedLengthDecoder body = new Http1FixedLengthDecoder(reader(Feed.WHOLE, "\u00ff\u0080"), 2);
        assertThat(body.read()).isEqualTo(0xFF);
        assertThat(body.read()).isEqualTo(0x80);
        assertThat(body.read()).isEqualTo(-1);
    }
}
