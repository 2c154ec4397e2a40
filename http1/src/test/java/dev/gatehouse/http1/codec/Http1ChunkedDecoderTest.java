package dev.gatehouse.http1.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chunked request bodies (RFC 9112 section 7.1), strictly, under every feed and reading style. */
class Http1ChunkedDecoderTest {
    private static final String LAST = "0\r\n\r\n";

    private static Function<Http1Reader, Http1BodyDecoder> chunked(long maxBody, int maxExtensions, int maxTrailer) {
        return reader -> new Http1ChunkedDecoder(reader, maxBody, maxExtensions, maxTrailer);
    }

    private static final Function<Http1Reader, Http1BodyDecoder> DEFAULTS = chunked(1 << 20, 16 * 1024, 8 * 1024);

    private static String decode(String wire) {
        return Bodies.decode(wire, DEFAULTS);
    }

    private static void assertRejected(String wire, int status, String because) {
        Bodies.assertRejected(wire, DEFAULTS, status, because);
    }

    @Test
    void decodesMultipleChunks() {
        assertThat(decode("5\r\nhello\r\n1\r\n \r\n6\r\nworld!\r\n" + LAST)).isEqualTo("hello world!");
    }

    @Test
    void decodesEmptyBody() {
        assertThat(decode(LAST)).isEmpty();
    }

    @Test
    void decodesHexSizesInEitherCase() {
        String ten = "0123456789";
        assertThat(decode("a\r\n" + ten + "\r\nA\r\n" + ten + "\r\n1F\r\n" + "x".repeat(31) + "\r\n" + LAST))
                .hasSize(51);
    }

    @Test
    void acceptsFifteenHexDigitsWithLeadingZeros() {
        assertThat(decode("000000000000005\r\nhello\r\n000000000000000\r\n\r\n")).isEqualTo("hello");
    }

    @Test
    void ignoresChunkExtensions() {
        assertThat(decode("5;name=value\r\nhello\r\n6 ; a ; b=\"q;x\"\r\n world\r\n1;\tx\r\n!\r\n0;last\r\n\r\n"))
                .isEqualTo("hello world!");
    }

    @Test
    void dropsTrailers() {
        assertThat(decode("5\r\nhello\r\n0\r\nX-Checksum: abc\r\nExpires:\r\n\r\n")).isEqualTo("hello");
    }

    @Test
    void decodesChunkLargerThanTheReaderBuffer() {
        String data = "0123456789abcdef".repeat(4096);
        assertThat(decode(Integer.toHexString(data.length()) + "\r\n" + data + "\r\n" + LAST)).isEqualTo(data);
    }

    @ParameterizedTest
    @ValueSource(strings = {"g", "", "+1", "-1", " 1", "\t1", ";ext", "\u00b9",
        "\u00d9\u00a1", // U+0661 ARABIC-INDIC DIGIT ONE as its UTF-8 bytes
        "\u00ef\u00bc\u0091"}) // U+FF11 FULLWIDTH DIGIT ONE as its UTF-8 bytes
    void rejectsChunkSizeThatIsNotHex(String size) {
        assertRejected(size + "\r\nx\r\n" + LAST, 400, "chunk size is not hexadecimal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x5", "5 ", "5\t", "5g", "5 5", "5,ext", "1 x"})
    void rejectsChunkSizeFollowedByJunk(String size) {
        assertRejected(size + "\r\nhello\r\n" + LAST, 400, "chunk size followed by something other than an extension");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000000000000005", "ffffffffffffffff", "10000000000000000", "7fffffffffffffff"})
    void rejectsChunkSizeOfSixteenHexDigitsOrMore(String size) {
        assertRejected(size + "\r\nhello\r\n" + LAST, 400, "chunk size too large");
    }

    @Test
    void answers413ForHugeChunkSizeWithoutOverflow() {
        assertRejected("fffffffffffffff\r\nhello\r\n" + LAST, 413, "request body larger than");
    }

    @Test
    void rejectsChunkSizeLineEndingInBareLf() {
        assertRejected("5\nhello\r\n" + LAST, 400, "chunk size line does not end in CRLF");
        assertRejected("5\r\nhello\r\n0\n\r\n", 400, "chunk size line does not end in CRLF");
        assertRejected("5;ext\nhello\r\n" + LAST, 400, "chunk size line does not end in CRLF");
    }

    @Test
    void rejectsBareCrInChunkSizeLine() {
        assertRejected("5\r;x\r\nhello\r\n" + LAST, 400, "chunk size followed by something other than an extension");
        assertRejected("5;a\rb\r\nhello\r\n" + LAST, 400, "control byte in a chunk extension");
    }

    @Test
    void rejectsControlBytesInExtensions() {
        assertRejected("5;a=\u0000\r\nhello\r\n" + LAST, 400, "control byte in a chunk extension");
        assertRejected("5;a=\u007f\r\nhello\r\n" + LAST, 400, "control byte in a chunk extension");
    }

    @Test
    void rejectsDataNotFollowedByCrlf() {
        assertRejected("5\r\nhelloX\r\n" + LAST, 400, "chunk data not followed by CRLF");
        assertRejected("5\r\nhello\n" + LAST, 400, "chunk data not followed by CRLF");
        assertRejected("5\r\nhello\r" + LAST, 400, "chunk data not followed by CRLF");
        assertRejected("5\r\nhello" + LAST, 400, "chunk data not followed by CRLF");
        assertRejected("3\r\nhello\r\n" + LAST, 400, "chunk data not followed by CRLF");
    }

    @Test
    void rejectsChunkDataLongerThanItsSize() {
        assertRejected("5\r\nhello world\r\n" + LAST, 400, "chunk data not followed by CRLF");
    }

    @Test
    void acceptsExtensionsUpToTheBudget() {
        // ";abcdefg" and ";h" count 8 and 2 bytes, 10 in all
        assertThat(Bodies.decode("1;abcdefg\r\nx\r\n1;h\r\ny\r\n" + LAST, chunked(100, 10, 100))).isEqualTo("xy");
    }

    @Test
    void rejectsExtensionsOverTheBudgetAcrossChunks() {
        Bodies.assertRejected("1;abcdefg\r\nx\r\n1;hi\r\ny\r\n" + LAST, chunked(100, 10, 100), 400,
                "chunk extensions larger than 10");
    }

    @Test
    void rejectsOneExtensionLongerThanTheBudget() {
        Bodies.assertRejected("1;" + "e".repeat(100) + "\r\nx\r\n" + LAST, chunked(100, 10, 100), 400, "chunk size line too long");
        Bodies.assertRejected("1;" + "e".repeat(100), chunked(100, 10, 100), 400, "chunk size line too long");
    }

    @Test
    void acceptsTrailersUpToTheLimit() {
        String trailer = "X: 1234567890\r\n"; // 15 bytes with its CRLF
        assertThat(Bodies.decode("1\r\nx\r\n0\r\n" + trailer + "\r\n", chunked(100, 10, 15))).isEqualTo("x");
    }

    @Test
    void rejectsTrailersOverTheLimit() {
        String trailer = "X: 1234567890\r\n";
        Bodies.assertRejected("1\r\nx\r\n0\r\n" + trailer + "\r\n", chunked(100, 10, 14), 400, "trailer section larger than 14");
        Bodies.assertRejected("1\r\nx\r\n0\r\n" + trailer + trailer + "\r\n", chunked(100, 10, 20), 400, "trailer section larger than 20");
        Bodies.assertRejected("0\r\nX: " + "t".repeat(1000), chunked(100, 10, 20), 400, "trailer section larger than 20");
    }

    @Test
    void rejectsMalformedTrailers() {
        assertRejected("0\r\nX: a\r\n folded\r\n\r\n", 400, "obs-fold");
        assertRejected("0\r\nX : a\r\n\r\n", 400, "whitespace between a header name and its colon");
        assertRejected("0\r\nno colon\r\n\r\n", 400, "whitespace between");
        assertRejected("0\r\nX: a\rb\r\n\r\n", 400, "bare CR");
        assertRejected("0\r\nX: a\u0000\r\n\r\n", 400, "control byte");
        assertRejected("0\r\nX: a\n\r\n", 400, "trailer line does not end in CRLF");
        assertRejected("0\r\n\n", 400, "trailer line does not end in CRLF");
    }

    @Test
    void acceptsBodyExactlyAtTheLimit() {
        assertThat(Bodies.decode("5\r\nhello\r\n5\r\nworld\r\n" + LAST, chunked(10, 10, 10))).isEqualTo("helloworld");
    }

    @Test
    void answers413ForBodyOverTheLimit() {
        Bodies.assertRejected("5\r\nhello\r\n6\r\nworld!\r\n" + LAST, chunked(10, 10, 10), 413, "request body larger than 10");
        Bodies.assertRejected("b\r\nhello world\r\n" + LAST, chunked(10, 10, 10), 413, "request body larger than 10");
    }

    @Test
    void rejectsEveryTruncationOfAValidBody() {
        String whole = "5;x=y\r\nhello\r\n6\r\n world\r\n0\r\nT: v\r\n\r\n";
        assertThat(decode(whole)).isEqualTo("hello world");
        for (int end = 0; end < whole.length(); end++) {
            Http1Exception e = Bodies.reject(whole.substring(0, end), DEFAULTS);
            assertThat(e.status()).as("cut after %d bytes", end).isEqualTo(400);
            assertThat(e.getMessage()).as("cut after %d bytes", end).contains("connection closed before the end of the request body");
        }
    }

    @Test
    void tracksProgressAsItReads() throws IOException {
        byte[] wire = "5\r\nhello\r\n3\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        Http1ChunkedDecoder body = new Http1ChunkedDecoder(Feed.WHOLE.reader(wire, 64, 64), 100, 10, 10);
        assertThat(body.available()).isZero();
        assertThat(body.read(new byte[4], 0, 0)).isZero();
        byte[] buf = new byte[4];
        assertThat(body.read(buf, 0, 4)).isEqualTo(4);
        assertThat(body.received()).isEqualTo(5);
        assertThat(body.available()).isEqualTo(1);
        assertThat(body.complete()).isFalse();
        assertThat(body.read(buf, 0, 4)).isEqualTo(1); // never past a chunk's end in one read
        assertThat(body.read(buf, 1, 3)).isEqualTo(3);
        assertThat(new String(buf, 1, 3, StandardCharsets.ISO_8859_1)).isEqualTo("abc");
        assertThat(body.received()).isEqualTo(8);
        assertThat(body.complete()).isFalse(); // the last chunk is not read yet
        assertThat(body.read(buf, 0, 4)).isEqualTo(-1);
        assertThat(body.complete()).isTrue();
        assertThat(body.read(buf, 0, 4)).isEqualTo(-1);
    }

    @Test
    void staysFailedAtTruncationOnEveryRead() throws IOException {
        byte[] wire = "5\r\nhel".getBytes(StandardCharsets.ISO_8859_1);
        Http1ChunkedDecoder body = new Http1ChunkedDecoder(Feed.WHOLE.reader(wire, 64, 64), 100, 10, 10);
        assertThat(body.read(new byte[10], 0, 10)).isEqualTo(3);
        assertThatThrownBy(() -> body.read(new byte[10], 0, 10)).isInstanceOf(Http1Exception.class);
        assertThat(body.complete()).isFalse();
    }
}
