package dev.gatehouse.http1.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.http1.codec.Http1ResponseEncoder.ByteSink;
import dev.gatehouse.http1.codec.Http1ResponseEncoder.Framing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden bytes for response heads and chunk framing. */
class Http1ResponseEncoderTest {
    private static final String DATE = "Thu, 05 Nov 2026 09:03:07 GMT";
    private static final byte[] DATE_BYTES = DATE.getBytes(StandardCharsets.US_ASCII);
    private static final List<Header> TEXT = List.of(Header.of("Content-Type", "text/plain"));

    private static String head(int minor, Status status, List<Header> headers, Framing framing, long length, String connection) {
        ByteSink sink = new ByteSink(8);
        int n = Http1ResponseEncoder.encodeHead(sink, minor, status, headers, framing, length, connection, DATE_BYTES);
        assertThat(n).isEqualTo(sink.size());
        return new String(sink.array(), 0, sink.size(), StandardCharsets.ISO_8859_1);
    }

    private static String chunkHeader(int length) {
        ByteSink sink = new ByteSink(1);
        Http1ResponseEncoder.chunkHeader(sink, length);
        return new String(sink.array(), 0, sink.size(), StandardCharsets.US_ASCII);
    }

    @Test
    void encodesContentLengthHead() {
        assertThat(head(1, Status.OK, TEXT, Framing.CONTENT_LENGTH, 5, null)).isEqualTo(
                "HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/plain\r\n"
                + "Date: " + DATE + "\r\n"
                + "Server: Gatehouse\r\n"
                + "Content-Length: 5\r\n"
                + "\r\n");
    }

    @Test
    void encodesChunkedHead() {
        assertThat(head(1, Status.OK, TEXT, Framing.CHUNKED, -1, "keep-alive")).isEqualTo(
                "HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/plain\r\n"
                + "Date: " + DATE + "\r\n"
                + "Server: Gatehouse\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "Connection: keep-alive\r\n"
                + "\r\n");
    }

    @Test
    void encodesCloseDelimitedHttp10Head() {
        assertThat(head(0, Status.OK, TEXT, Framing.CLOSE, -1, "close")).isEqualTo(
                "HTTP/1.0 200 OK\r\n"
                + "Content-Type: text/plain\r\n"
                + "Date: " + DATE + "\r\n"
                + "Server: Gatehouse\r\n"
                + "Connection: close\r\n"
                + "\r\n");
    }

    @Test
    void encodesHeadResponseWithTheLengthItWouldHaveHad() {
        assertThat(head(1, Status.OK, TEXT, Framing.NONE, 1234, null)).isEqualTo(
                "HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/plain\r\n"
                + "Date: " + DATE + "\r\n"
                + "Server: Gatehouse\r\n"
                + "Content-Length: 1234\r\n"
                + "\r\n");
    }

    @Test
    void encodesBodylessStatusWithoutContentLength() {
        assertThat(head(1, Status.of(204), List.of(), Framing.NONE, 0, null)).isEqualTo(
                "HTTP/1.1 204 No Content\r\nDate: " + DATE + "\r\nServer: Gatehouse\r\n\r\n");
        assertThat(head(1, Status.of(304), List.of(Header.of("ETag", "\"x\"")), Framing.NONE, 10, null)).isEqualTo(
                "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\nDate: " + DATE + "\r\nServer: Gatehouse\r\n\r\n");
        assertThat(head(1, Status.of(100), List.of(), Framing.NONE, -1, null)).startsWith("HTTP/1.1 100 Continue\r\n");
    }

    @Test
    void encodesNoLengthWhenNoneIsKnown() {
        assertThat(head(1, Status.OK, List.of(), Framing.NONE, -1, "close")).isEqualTo(
                "HTTP/1.1 200 OK\r\nDate: " + DATE + "\r\nServer: Gatehouse\r\nConnection: close\r\n\r\n");
    }

    @Test
    void keepsTheAppsDateAndServer() {
        List<Header> headers = List.of(Header.of("server", "MyApp/1.0"), Header.of("DATE", "Mon, 01 Jan 2024 00:00:00 GMT"));
        assertThat(head(1, Status.OK, headers, Framing.CONTENT_LENGTH, 0, null)).isEqualTo(
                "HTTP/1.1 200 OK\r\n"
                + "server: MyApp/1.0\r\n"
                + "DATE: Mon, 01 Jan 2024 00:00:00 GMT\r\n"
                + "Content-Length: 0\r\n"
                + "\r\n");
    }

    @Test
    void doesNotDuplicateTheAppsContentLength() {
        List<Header> headers = List.of(Header.of("content-length", "5"), Header.of("Content-Type", "text/plain"));
        String head = head(1, Status.OK, headers, Framing.CONTENT_LENGTH, 5, null);
        assertThat(head).containsOnlyOnce("ontent-length: 5").doesNotContain("Content-Length");
        assertThat(head(1, Status.OK, headers, Framing.NONE, 5, null)).containsOnlyOnce("ontent-length: 5");
    }

    @Test
    void dropsTheAppsContentLengthWhenChunkedOrCloseDelimited() {
        List<Header> headers = List.of(Header.of("Content-Length", "5"), Header.of("X", "y"));
        assertThat(head(1, Status.OK, headers, Framing.CHUNKED, -1, null)).isEqualTo(
                "HTTP/1.1 200 OK\r\nX: y\r\nDate: " + DATE + "\r\nServer: Gatehouse\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertThat(head(0, Status.OK, headers, Framing.CLOSE, -1, "close")).isEqualTo(
                "HTTP/1.0 200 OK\r\nX: y\r\nDate: " + DATE + "\r\nServer: Gatehouse\r\nConnection: close\r\n\r\n");
    }

    @Test
    void keepsRepeatedHeadersInOrder() {
        List<Header> headers = List.of(Header.of("Set-Cookie", "a=1"), Header.of("X", "1"), Header.of("Set-Cookie", "b=2"));
        assertThat(head(1, Status.OK, headers, Framing.CONTENT_LENGTH, 0, null))
                .startsWith("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nX: 1\r\nSet-Cookie: b=2\r\n");
    }

    @Test
    void writesStatusCodeAndReasonAsGiven() {
        assertThat(head(1, new Status(599, "Caf\u00e9 Closed"), List.of(), Framing.CONTENT_LENGTH, 0, null))
                .startsWith("HTTP/1.1 599 Caf\u00e9 Closed\r\n");
        assertThat(head(1, new Status(404, ""), List.of(), Framing.CONTENT_LENGTH, 0, null)).startsWith("HTTP/1.1 404 \r\n");
        assertThat(head(1, Status.of(101), List.of(), Framing.NONE, -1, null)).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
    }

    @Test
    void writesObsTextValuesAsSingleBytes() {
        ByteSink sink = new ByteSink(4);
        Http1ResponseEncoder.encodeHead(sink, 1, Status.OK, List.of(Header.of("X", "\u00e9\u00ff")), Framing.CONTENT_LENGTH, 0, null, DATE_BYTES);
        String head = new String(sink.array(), 0, sink.size(), StandardCharsets.ISO_8859_1);
        assertThat(head).contains("X: \u00e9\u00ff\r\n");
        assertThat(sink.size()).isEqualTo(head.length());
    }

    @Test
    void appendsAfterWhatTheSinkAlreadyHolds() {
        ByteSink sink = new ByteSink(4);
        sink.ascii("previous");
        int n = Http1ResponseEncoder.encodeHead(sink, 1, Status.OK, List.of(), Framing.CONTENT_LENGTH, 0, null, DATE_BYTES);
        String all = new String(sink.array(), 0, sink.size(), StandardCharsets.ISO_8859_1);
        assertThat(all).startsWith("previousHTTP/1.1 200 OK\r\n");
        assertThat(n).isEqualTo(all.length() - "previous".length());
    }

    @Test
    void writesLargeContentLength() {
        assertThat(head(1, Status.OK, List.of(), Framing.CONTENT_LENGTH, 1L << 40, null)).contains("Content-Length: 1099511627776\r\n");
    }

    @Test
    void writesChunkSizesInLowercaseHexWithoutLeadingZeros() {
        assertThat(chunkHeader(1)).isEqualTo("1\r\n");
        assertThat(chunkHeader(10)).isEqualTo("a\r\n");
        assertThat(chunkHeader(15)).isEqualTo("f\r\n");
        assertThat(chunkHeader(16)).isEqualTo("10\r\n");
        assertThat(chunkHeader(255)).isEqualTo("ff\r\n");
        assertThat(chunkHeader(4096)).isEqualTo("1000\r\n");
        assertThat(chunkHeader(0x10000)).isEqualTo("10000\r\n");
        assertThat(chunkHeader(Integer.MAX_VALUE)).isEqualTo("7fffffff\r\n");
    }

    @Test
    void writesTheSameChunkSizesAsIntegerToHexString() {
        for (int length = 1; length < 70_000; length += length < 300 ? 1 : 97) {
            assertThat(chunkHeader(length)).isEqualTo(Integer.toHexString(length) + "\r\n");
        }
        for (int shift = 0; shift < 31; shift++) {
            int length = 1 << shift;
            assertThat(chunkHeader(length)).isEqualTo(Integer.toHexString(length) + "\r\n");
            assertThat(chunkHeader(length + (length - 1))).isEqualTo(Integer.toHexString(length + (length - 1)) + "\r\n");
        }
    }

    @Test
    void encodesChunkEndAndLastChunk() {
        ByteSink sink = new ByteSink(2);
        Http1ResponseEncoder.chunkHeader(sink, 5);
        sink.ascii("hello");
        Http1ResponseEncoder.chunkTrailer(sink);
        Http1ResponseEncoder.lastChunk(sink);
        assertThat(new String(sink.array(), 0, sink.size(), StandardCharsets.US_ASCII)).isEqualTo("5\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    void roundTripsChunksThroughTheChunkedDecoder() {
        ByteSink sink = new ByteSink(16);
        StringBuilder expected = new StringBuilder();
        for (int size : new int[] {1, 15, 16, 255, 4097}) {
            String data = "x".repeat(size);
            Http1ResponseEncoder.chunkHeader(sink, size);
            sink.ascii(data);
            Http1ResponseEncoder.chunkTrailer(sink);
            expected.append(data);
        }
        Http1ResponseEncoder.lastChunk(sink);
        String wire = new String(sink.array(), 0, sink.size(), StandardCharsets.ISO_8859_1);
        assertThat(Bodies.decode(wire, r -> new Http1ChunkedDecoder(r, 1 << 20, 100, 100))).isEqualTo(expected.toString());
    }

    @Test
    void sinkGrowsAndResets() {
        ByteSink sink = new ByteSink(1);
        sink.put((byte) 'a').put(new byte[] {'b', 'c'}).put(new byte[] {'x', 'd', 'y'}, 1, 1).latin1("\u00e9").decimal(-42);
        assertThat(new String(sink.array(), 0, sink.size(), StandardCharsets.ISO_8859_1)).isEqualTo("abcd\u00e9-42");
        sink.reset();
        assertThat(sink.size()).isZero();
        sink.ensure(100);
        assertThat(sink.array().length).isGreaterThanOrEqualTo(100);
    }
}
