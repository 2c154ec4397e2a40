package dev.gatehouse.http1.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The buffer shared by the head decoder and the body decoders: pipelined requests decode one
 * after another, with their bodies in between, whatever the segmentation and buffer size.
 */
class Http1ReaderTest {
    private static final int LIMIT = 8192;

    /** Decodes every request on the wire, reading each body fully; one line per request: its summary and body. */
    private static List<String> pipeline(String wire, Feed feed, int initialSize) throws IOException {
        Http1Reader reader = feed.reader(wire.getBytes(StandardCharsets.ISO_8859_1), initialSize,
                Math.max(Http1RequestDecoder.bufferSizeFor(LIMIT, LIMIT), 4096 + 1024));
        Http1RequestDecoder decoder = new Http1RequestDecoder(reader, LIMIT, LIMIT, 65536, 100);
        List<String> seen = new ArrayList<>();
        Http1Request request;
        while ((request = decoder.decode()) != null) {
            Http1BodyDecoder body = request.chunked()
                    ? new Http1ChunkedDecoder(reader, 1 << 20, 1024, 1024)
                    : new Http1FixedLengthDecoder(reader, request.contentLength());
            seen.add(request.method() + " " + request.target() + " [" + Bodies.readAll(body, Bodies.Reading.SMALL) + "]");
        }
        return seen;
    }

    private static List<String> pipelineEverywhere(String wire) throws IOException {
        List<String> expected = null;
        for (Feed feed : Feed.values()) {
            for (int initial : new int[] {16, 8192}) {
                List<String> seen = pipeline(wire, feed, initial);
                if (expected == null) expected = seen;
                else assertThat(seen).as("fed %s (reader %d)", feed, initial).isEqualTo(expected);
            }
        }
        return expected;
    }

    @Test
    void decodesPipelinedRequestsWithABodyInBetween() throws IOException {
        String wire = "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world"
                + "GET /b HTTP/1.1\r\nHost: h\r\n\r\n";
        assertThat(pipelineEverywhere(wire)).containsExactly("POST /a [hello world]", "GET /b []");
    }

    @Test
    void decodesPipelinedRequestsAfterAChunkedBody() throws IOException {
        String wire = "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;x\r\nhello\r\n0\r\nT: 1\r\n\r\n"
                + "PUT /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                + "DELETE /c HTTP/1.0\r\n\r\n";
        assertThat(pipelineEverywhere(wire)).containsExactly("POST /a [hello]", "PUT /b [abc]", "DELETE /c []");
    }

    @Test
    void bodyThatLooksLikeARequestIsReadAsBody() throws IOException {
        String smuggled = "GET /admin HTTP/1.1\r\nHost: h\r\n\r\n";
        String wire = "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: " + smuggled.length() + "\r\n\r\n" + smuggled
                + "GET /b HTTP/1.1\r\nHost: h\r\n\r\n";
        assertThat(pipelineEverywhere(wire)).containsExactly("POST /a [" + smuggled + "]", "GET /b []");
    }

    @Test
    void skipsTheCrlfSomeClientsSendAfterABody() throws IOException {
        String wire = "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok\r\n"
                + "GET /b HTTP/1.1\r\nHost: h\r\n\r\n";
        assertThat(pipelineEverywhere(wire)).containsExactly("POST /a [ok]", "GET /b []");
    }

    @Test
    void decodesManyPipelinedRequestsThroughASmallBuffer() throws IOException {
        StringBuilder wire = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String body = "b".repeat(i * 7);
            wire.append("POST /").append(i).append(" HTTP/1.1\r\nHost: h\r\nContent-Length: ").append(body.length())
                    .append("\r\n\r\n").append(body);
            expected.add("POST /" + i + " [" + body + "]");
        }
        assertThat(pipelineEverywhere(wire.toString())).isEqualTo(expected);
    }

    @Test
    void rejectsTheSecondRequestWithoutLosingTheFirst() throws IOException {
        String wire = "GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\nBad : x\r\n\r\n";
        for (Feed feed : Feed.values()) {
            Http1Reader reader = feed.reader(wire.getBytes(StandardCharsets.ISO_8859_1), 16, 8194);
            Http1RequestDecoder decoder = new Http1RequestDecoder(reader, LIMIT, LIMIT, 65536, 100);
            assertThat(decoder.decode().target()).isEqualTo("/a");
            assertThatThrownBy(decoder::decode).isInstanceOf(Http1Exception.class).hasMessageContaining("whitespace");
        }
    }

    @Test
    void readsBufferedBytesBeforeAskingTheSource() throws IOException {
        PieceSource source = PieceSource.whole("abcdef".getBytes(StandardCharsets.US_ASCII));
        Http1Reader reader = new Http1Reader(source, 16, 16);
        assertThat(reader.buffered()).isZero();
        assertThat(reader.fill()).isTrue();
        assertThat(reader.buffered()).isEqualTo(6);
        byte[] dst = new byte[4];
        assertThat(reader.read(dst, 0, 4)).isEqualTo(4);
        assertThat(reader.read(dst, 0, 4)).isEqualTo(2);
        assertThat(reader.read(dst, 0, 0)).isZero();
        assertThat(reader.atEof()).isFalse();
        assertThat(reader.read(dst, 0, 4)).isEqualTo(-1);
        assertThat(reader.atEof()).isTrue();
        assertThat(reader.read(dst, 0, 4)).isEqualTo(-1);
        assertThat(source.reads()).isEqualTo(2);
    }

    @Test
    void readsLargeBodiesStraightFromTheSource() throws IOException {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) i;
        Http1Reader reader = new Http1Reader(PieceSource.whole(data), 16, 16);
        byte[] dst = new byte[1000];
        assertThat(reader.read(dst, 0, 1000)).isEqualTo(1000);
        assertThat(dst).isEqualTo(data);
        assertThat(reader.buffered()).isZero();
    }

    @Test
    void skipsBufferedAndIncomingBytes() throws IOException {
        Http1Reader reader = new Http1Reader(PieceSource.pieces("abcdefgh".getBytes(StandardCharsets.US_ASCII), 3), 4, 4);
        assertThat(reader.skip(2)).isEqualTo(2);
        assertThat(reader.skip(100)).isEqualTo(1);
        assertThat(reader.skip(100)).isEqualTo(3);
        byte[] dst = new byte[4];
        assertThat(reader.read(dst, 0, 4)).isEqualTo(2);
        assertThat(new String(dst, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("gh");
        assertThat(reader.skip(1)).isEqualTo(-1);
    }

    @Test
    void findsLinesAcrossCompactionAndGrowth() throws IOException {
        byte[] wire = "ab\r\ncdefghijkl\r\nm\r\n".getBytes(StandardCharsets.US_ASCII);
        for (Feed feed : Feed.values()) {
            Http1Reader reader = feed.reader(wire, 2, 16);
            List<String> lines = new ArrayList<>();
            int lf;
            while ((lf = reader.findLineEnd(12, () -> new Http1Exception(414, "long"), () -> new Http1Exception(400, "cut"))) >= 0) {
                lines.add(new String(reader.buf, reader.pos, lf - 1 - reader.pos, StandardCharsets.US_ASCII));
                reader.pos = lf + 1;
            }
            assertThat(lines).as("fed %s", feed).containsExactly("ab", "cdefghijkl", "m");
        }
    }

    @Test
    void reportsALineOverItsLimitBeforeTheBufferRunsOut() {
        byte[] wire = "abcdefghijklmnopqrstuvwxyz\r\n".getBytes(StandardCharsets.US_ASCII);
        for (Feed feed : Feed.values()) {
            Http1Reader reader = feed.reader(wire, 2, 12);
            assertThatThrownBy(() -> reader.findLineEnd(10, () -> new Http1Exception(414, "long"), () -> new Http1Exception(400, "cut")))
                    .as("fed %s", feed).hasMessage("long");
        }
    }
}
