package dev.gatehouse.http1.codec;

import static dev.gatehouse.http1.codec.Responses.assertRejected;
import static dev.gatehouse.http1.codec.Responses.decode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.http1.codec.Http1ResponseEncoder.Framing;
import dev.gatehouse.http1.codec.Responses.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Response heads byte by byte (RFC 9112 sections 4-6, as strict as the request side): the status
 * line, the header section, interim responses and the framing of the final response. Every input
 * runs under every {@link Feed}; every rejection is a 502 that names the problem.
 */
class Http1ResponseDecoderTest {

    // --- status line ------------------------------------------------------------------------

    @Test
    void decodesStatusLineHeadersAndContentLength() {
        Http1Response r = decode("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nX-Custom:  a b \r\n\r\nhello");
        assertThat(r.minorVersion()).isEqualTo(1);
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(r.status().reason()).isEqualTo("OK");
        assertThat(r.framing()).isEqualTo(Framing.CONTENT_LENGTH);
        assertThat(r.contentLength()).isEqualTo(5);
        assertThat(r.keepAlive()).isTrue();
        assertThat(r.interimResponses()).isZero();
        assertThat(r.headers().get("content-type")).isEqualTo("text/plain");
        assertThat(r.headers().get("X-Custom")).isEqualTo("a b");
    }

    @Test
    void keepsTheReasonPhraseAsSent() {
        assertThat(decode("HTTP/1.1 404 Not  Found\t(here)\r\n\r\n").status().reason()).isEqualTo("Not  Found\t(here)");
        assertThat(decode("HTTP/1.1 200 caf\u00e9\r\n\r\n").status().reason()).isEqualTo("caf\u00e9"); // obs-text, as ISO-8859-1
        assertThat(decode("HTTP/1.1 299 \r\n\r\n").status().reason()).isEmpty();
    }

    @Test
    void rejectsStatusLineWithoutTheSpaceAfterTheCode() {
        assertRejected("HTTP/1.1 200\r\n\r\n", "no space after the status code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http/1.1 200 OK", "HTTP/1.1  200 OK", "HTTP/1.1 20 OK", "HTTP/1.1 2000 OK", "HTTP/1.1 2O0 OK",
        "HTTP/1.1\t200 OK", "HTTP/11 200 OK", "HTTP/1.1 200\tOK", " HTTP/1.1 200 OK", "ICY 200 OK", "HTTP/1.1", ""})
    void rejectsMalformedStatusLines(String statusLine) {
        assertRejected(statusLine + "\r\n\r\n", "status");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/1.2", "HTTP/0.9", "HTTP/3.0"})
    void rejectsUnsupportedVersions(String version) {
        assertRejected(version + " 200 OK\r\n\r\n", "is not supported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"000", "099", "600", "999"})
    void rejectsStatusCodesOutside100To599(String code) {
        assertRejected("HTTP/1.1 " + code + " X\r\n\r\n", "outside 100..599");
    }

    @Test
    void rejectsControlBytesInTheReason() {
        assertRejected("HTTP/1.1 200 O\u0000K\r\n\r\n", "control byte in the reason phrase");
        assertRejected("HTTP/1.1 200 O\u007fK\r\n\r\n", "control byte in the reason phrase");
        assertRejected("HTTP/1.1 200 O\rK\r\n\r\n", "bare CR in the status line");
    }

    @Test
    void rejectsBareLfLineEnds() {
        assertRejected("HTTP/1.1 200 OK\n\r\n", "bare LF");
        assertRejected("HTTP/1.1 200 OK\r\nA: b\n\r\n", "bare LF");
        assertRejected("HTTP/1.1 200 OK\r\nA: b\r\n\n", "bare LF");
    }

    @Test
    void rejectsEmptyLinesBeforeTheStatusLine() {
        assertRejected("\r\nHTTP/1.1 200 OK\r\n\r\n", "malformed status line");
    }

    @Test
    void returnsNullWhenTheInputEndsBeforeAnyByte() {
        assertThat(decode("")).isNull();
    }

    @Test
    void rejectsInputThatEndsInsideTheHead() {
        assertRejected("HTTP/1.1 200 O", "connection closed in the middle of the status line");
        assertRejected("HTTP/1.1 200 OK\r\nContent-Len", "connection closed in the middle of the header section");
        assertRejected("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n", "connection closed in the middle of the header section");
    }

    // --- header fields ----------------------------------------------------------------------

    @Test
    void rejectsObsFold() {
        assertRejected("HTTP/1.1 200 OK\r\nX-A: 1\r\n 2\r\n\r\n", "obs-fold");
        assertRejected("HTTP/1.1 200 OK\r\nX-A: 1\r\n\t2\r\n\r\n", "obs-fold");
    }

    @Test
    void rejectsWhitespaceBeforeTheColon() {
        assertRejected("HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\nhello", "whitespace between a header name and its colon");
    }

    @Test
    void rejectsMalformedFieldNamesAndValues() {
        assertRejected("HTTP/1.1 200 OK\r\n: x\r\n\r\n", "empty header field name");
        assertRejected("HTTP/1.1 200 OK\r\nX(A): x\r\n\r\n", "malformed header field name");
        assertRejected("HTTP/1.1 200 OK\r\nNo colon\r\n\r\n", "whitespace between a header name and its colon");
        assertRejected("HTTP/1.1 200 OK\r\nX-A: a\u0000b\r\n\r\n", "control byte");
        assertRejected("HTTP/1.1 200 OK\r\nX-A: a\rb\r\n\r\n", "bare CR");
        assertRejected("HTTP/1.1 200 OK\r\nX-\u0130: x\r\n\r\n", "malformed header field name"); // dotless-I trap
    }

    @Test
    void enforcesTheHeadLimits() {
        Limits small = new Limits(64, 128, 3, 2);
        assertThat(decode("HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", "GET", small).headers().size()).isEqualTo(3);
        assertRejected("HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", small, "more than 3 header fields");
        assertRejected("HTTP/1.1 200 " + "x".repeat(60) + "\r\n\r\n", small, "status line longer than 64 bytes");
        assertRejected("HTTP/1.1 200 OK\r\nA: " + "x".repeat(70) + "\r\n\r\n", small, "a header field is longer than 64 bytes");
        assertRejected("HTTP/1.1 200 OK\r\nA: " + "x".repeat(50) + "\r\nB: " + "x".repeat(50) + "\r\nC: " + "x".repeat(50) + "\r\n\r\n",
                small, "header section larger than 128 bytes");
    }

    @Test
    void acceptsAStatusLineExactlyAtTheLimit() {
        Limits small = new Limits(64, 128, 3, 2);
        String line = "HTTP/1.1 200 " + "x".repeat(64 - 13);
        assertThat(line).hasSize(64);
        assertThat(decode(line + "\r\n\r\n", "GET", small).status().reason()).hasSize(64 - 13);
    }

    // --- interim responses ------------------------------------------------------------------

    @Test
    void skipsInterimResponses() {
        Http1Response r = decode("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
        assertThat(r.status().code()).isEqualTo(201);
        assertThat(r.interimResponses()).isEqualTo(2);
        assertThat(r.headers().get("Link")).isNull();
    }

    @Test
    void boundsTheNumberOfInterimResponses() {
        Limits two = new Limits(8192, 65536, 100, 2);
        String interim = "HTTP/1.1 100 Continue\r\n\r\n";
        assertThat(decode(interim.repeat(2) + "HTTP/1.1 200 OK\r\n\r\n", "GET", two).interimResponses()).isEqualTo(2);
        assertRejected(interim.repeat(3) + "HTTP/1.1 200 OK\r\n\r\n", two, "more than 2 interim (1xx) responses");
    }

    @Test
    void rejectsSwitchingProtocolsNobodyAskedFor() {
        assertRejected("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", "101 Switching Protocols");
    }

    @Test
    void rejectsAnEndAfterAnInterimResponse() {
        assertRejected("HTTP/1.1 100 Continue\r\n\r\n", "closed after an interim response");
    }

    // --- framing (RFC 9112 section 6.3) -----------------------------------------------------

    @Test
    void chunkedWinsOnlyAsTheLastCodingOfAnHttp11Response() {
        Http1Response r = decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n");
        assertThat(r.framing()).isEqualTo(Framing.CHUNKED);
        assertThat(r.contentLength()).isEqualTo(-1);
        assertThat(r.keepAlive()).isTrue();
    }

    @Test
    void bodyWithoutLengthIsCloseDelimitedAndEndsTheConnection() {
        Http1Response r = decode("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
        assertThat(r.framing()).isEqualTo(Framing.CLOSE);
        assertThat(r.keepAlive()).isFalse();
        Http1Response old = decode("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\nuntil the end");
        assertThat(old.framing()).isEqualTo(Framing.CLOSE);
        assertThat(old.keepAlive()).isFalse();
    }

    @Test
    void headAnswersAnd204And304HaveNoBody() {
        Http1Response head = decode("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n", "HEAD");
        assertThat(head.framing()).isEqualTo(Framing.NONE);
        assertThat(head.contentLength()).isEqualTo(1234);
        assertThat(head.keepAlive()).isTrue();
        assertThat(decode("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "HEAD").framing()).isEqualTo(Framing.NONE);
        assertThat(decode("HTTP/1.1 204 No Content\r\n\r\n").framing()).isEqualTo(Framing.NONE);
        Http1Response notModified = decode("HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n");
        assertThat(notModified.framing()).isEqualTo(Framing.NONE);
        assertThat(notModified.contentLength()).isEqualTo(99);
        assertThat(notModified.keepAlive()).isTrue();
    }

    @Test
    void connectionSemanticsFollowTheVersion() {
        assertThat(decode("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").keepAlive()).isFalse();
        assertThat(decode("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: x-y, Close\r\n\r\n").keepAlive()).isFalse();
        assertThat(decode("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n").keepAlive()).isFalse();
        Http1Response kept = decode("HTTP/1.0 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n");
        assertThat(kept.keepAlive()).isTrue();
        assertThat(kept.minorVersion()).isZero();
    }

    @Test
    void acceptsContentLengthWithLeadingZeros() {
        assertThat(decode("HTTP/1.1 200 OK\r\nContent-Length: 007\r\n\r\n").contentLength()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+5", "-5", "0x5", "5 5", "5,5", "5, 5", "", "\u0665", "\u00bd", "99999999999999999999", "5\u000b"})
    void rejectsMalformedContentLength(String value) {
        Http1Exception e = Responses.reject("HTTP/1.1 200 OK\r\nContent-Length: " + value + "\r\n\r\n", "GET", Limits.DEFAULT);
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.getMessage()).containsAnyOf("malformed Content-Length", "control byte");
    }

    @Test
    void rejectsRepeatedContentLengthEvenWhenEqual() {
        assertRejected("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello", "more than one Content-Length");
        assertRejected("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello", "more than one Content-Length");
    }

    @Test
    void rejectsAmbiguousTransferEncodings() {
        assertRejected("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", "both Transfer-Encoding and Content-Length");
        assertRejected("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", "both Transfer-Encoding and Content-Length");
        assertRejected("HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "Transfer-Encoding in an HTTP/1.0 response");
        assertRejected("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", "transfer coding 'gzip' is not supported");
        assertRejected("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", "transfer coding 'gzip' is not supported");
        assertRejected("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", "chunked must be the last transfer coding");
        assertRejected("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", "chunked must be the last transfer coding");
        assertRejected("HTTP/1.1 200 OK\r\nTransfer-Encoding: ,\r\n\r\n", "without chunked as the final coding");
        assertRejected("HTTP/1.1 200 OK\r\nTransfer-Encoding: \"chunked\"\r\n\r\n", "malformed Transfer-Encoding");
    }

    @Test
    void rejectsTheKelvinSignInChunked() {
        // "chunKed" with U+212A, as UTF-8 bytes: three ISO-8859-1 characters, never folded to 'k'
        String kelvin = new String("chun\u212Aed".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        Http1Exception e = Responses.reject("HTTP/1.1 200 OK\r\nTransfer-Encoding: " + kelvin + "\r\n\r\n", "GET", Limits.DEFAULT);
        assertThat(e.status()).isEqualTo(502);
    }

    // --- several responses on one connection ------------------------------------------------

    @Test
    void leavesTheBodyForTheBodyDecodersAndDecodesTheNextResponse() throws IOException {
        String wire = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"
                + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n"
                + "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n"
                + "HTTP/1.1 200 OK\r\n\r\nrest until close";
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        for (Feed feed : Feed.values()) {
            Http1Reader reader = feed.reader(bytes, 16, 8192 + 4096);
            Http1ResponseDecoder decoder = Limits.DEFAULT.decoder(reader);
            Http1Response first = decoder.decode("GET");
            assertThat(Bodies.readAll(new Http1FixedLengthDecoder(reader, first.contentLength()), Bodies.Reading.SMALL)).as("fed %s", feed).isEqualTo("hi");
            assertThat(decoder.decode("GET").framing()).isEqualTo(Framing.CHUNKED);
            assertThat(Bodies.readAll(new Http1ChunkedDecoder(reader, Long.MAX_VALUE, 1024, 1024), Bodies.Reading.SINGLE)).as("fed %s", feed).isEqualTo("abc");
            assertThat(decoder.decode("GET").framing()).isEqualTo(Framing.NONE);
            Http1Response last = decoder.decode("GET");
            assertThat(last.framing()).isEqualTo(Framing.CLOSE);
            assertThat(Bodies.rest(reader)).as("fed %s", feed).isEqualTo("rest until close");
        }
    }
}
