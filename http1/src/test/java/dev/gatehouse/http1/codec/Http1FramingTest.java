package dev.gatehouse.http1.codec;

import static dev.gatehouse.http1.codec.Requests.assertRejected;
import static dev.gatehouse.http1.codec.Requests.decode;
import static dev.gatehouse.http1.codec.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.http1.codec.Requests.Limits;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Message framing, Host and connection semantics, driven through the decoder with raw bytes
 * (RFC 9112 sections 3.2, 6 and 9.3; RFC 9110 section 10.1.1), under every {@link Feed}.
 */
class Http1FramingTest {
    private static String post(String headers) {
        return "POST /submit HTTP/1.1\r\nHost: example.com\r\n" + headers + "\r\n";
    }

    private static String http10(String headers) {
        return "POST /submit HTTP/1.0\r\n" + headers + "\r\n";
    }

    private static long length(String request) {
        return decode(request).contentLength();
    }

    // --- Content-Length -----------------------------------------------------------------------

    @Test
    void hasNoBodyWithoutContentLengthOrTransferEncoding() {
        assertThat(length(post(""))).isZero();
    }

    @Test
    void readsContentLength() {
        assertThat(length(post("Content-Length: 42\r\n"))).isEqualTo(42);
        assertThat(length(post("content-length: 0\r\n"))).isZero();
        assertThat(length(post("CONTENT-LENGTH: 007\r\n"))).isEqualTo(7);
    }

    @Test
    void readsContentLengthWithOptionalWhitespaceAroundIt() {
        // RFC 9110 5.5: OWS around a field value is not part of it, so " 5" is the valid value "5".
        assertThat(length(post("Content-Length:  5\r\n"))).isEqualTo(5);
        assertThat(length(post("Content-Length:\t5\t \r\n"))).isEqualTo(5);
        assertThat(length(post("Content-Length:5\r\n"))).isEqualTo(5);
    }

    @Test
    void acceptsEighteenDigitContentLength() {
        assertThat(length(post("Content-Length: 999999999999999999\r\n"))).isEqualTo(999_999_999_999_999_999L);
    }

    @Test
    void rejectsContentLengthOfNineteenDigitsOrMore() {
        // 18 digits cannot overflow a long; leading zeros count too (stricter than 1*DIGIT, and harmless)
        assertRejected(post("Content-Length: 1000000000000000000\r\n"), 400, "malformed Content-Length");
        assertRejected(post("Content-Length: 0000000000000000005\r\n"), 400, "malformed Content-Length");
        assertRejected(post("Content-Length: 9223372036854775808\r\n"), 400, "malformed Content-Length");
        assertRejected(post("Content-Length: 99999999999999999999999999\r\n"), 400, "malformed Content-Length");
    }

    @Test
    void rejectsSignedContentLength() {
        assertThat(Long.parseLong("+5")).isEqualTo(5); // the trap: parseLong takes a sign
        assertThat(Long.parseLong("-1")).isEqualTo(-1);
        assertRejected(post("Content-Length: +5\r\n"), 400, "malformed Content-Length");
        assertRejected(post("Content-Length: -1\r\n"), 400, "malformed Content-Length");
        assertRejected(post("Content-Length: -0\r\n"), 400, "malformed Content-Length");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5 5", "5,5", "5, 5", "0x5", "5.0", "5e0", "", "five", "5;", "1_000"})
    void rejectsMalformedContentLength(String value) {
        assertRejected(post("Content-Length: " + value + "\r\n"), 400, "malformed Content-Length");
    }

    @Test
    void rejectsNonAsciiDigitsInContentLength() {
        assertThat(Long.parseLong("\u0661")).isEqualTo(1); // the trap: ARABIC-INDIC DIGIT ONE parses
        assertThat(Long.parseLong("\uff15")).isEqualTo(5); // FULLWIDTH DIGIT FIVE too
        assertRejected(utf8(post("Content-Length: \u0661\r\n")), Limits.DEFAULT, 400, "malformed Content-Length");
        assertRejected(utf8(post("Content-Length: \uff15\r\n")), Limits.DEFAULT, 400, "malformed Content-Length");
        assertRejected(post("Content-Length: \u00b9\r\n"), 400, "malformed Content-Length"); // SUPERSCRIPT ONE, one byte
    }

    @Test
    void rejectsControlBytesAroundContentLength() {
        assertThat("\u000b5\u001f".trim()).isEqualTo("5"); // the trap: trim() would make it valid
        assertRejected(post("Content-Length: \u000b5\u001f\r\n"), 400, "control byte");
        assertRejected(post("Content-Length: 5\u0000\r\n"), 400, "control byte");
    }

    @Test
    void rejectsDuplicateContentLengthEvenWhenEqual() {
        assertRejected(post("Content-Length: 5\r\nContent-Length: 5\r\n"), 400, "more than one Content-Length");
    }

    @Test
    void rejectsDuplicateContentLengthThatDiffer() {
        assertRejected(post("Content-Length: 5\r\ncontent-length: 6\r\n"), 400, "more than one Content-Length");
    }

    @Test
    void rejectsTransferEncodingWithContentLength() {
        assertRejected(post("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n"), 400, "both Transfer-Encoding and Content-Length");
        assertRejected(post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"), 400, "both Transfer-Encoding and Content-Length");
    }

    // --- Transfer-Encoding --------------------------------------------------------------------

    @Test
    void readsChunkedTransferEncoding() {
        Http1Request r = decode(post("Transfer-Encoding: chunked\r\n"));
        assertThat(r.contentLength()).isEqualTo(-1);
        assertThat(r.chunked()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Chunked", "CHUNKED", " chunked ", ",chunked", "chunked,", ", ,chunked"})
    void readsChunkedWhateverItsCaseAndEmptyListElements(String value) {
        assertThat(decode(post("Transfer-Encoding: " + value + "\r\n")).chunked()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "gzip, chunked", "deflate,chunked", "identity", "x-custom;q=1, chunked", "chunked;ext=1"})
    void answers501ForUnknownTransferCodings(String value) {
        // RFC 9112 6.1: a coding the server does not understand -> 501 (the connection is closed as for 400).
        assertRejected(post("Transfer-Encoding: " + value + "\r\n"), 501, "is not implemented");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunked, gzip", "chunked, chunked", "gzip, chunked, gzip", "chunked, identity"})
    void rejectsCodingsAfterChunked(String value) {
        // RFC 9112 6.3: chunked not last -> the length cannot be determined: 400, even for an unknown coding.
        assertRejected(post("Transfer-Encoding: " + value + "\r\n"), 400, "chunked must be the last transfer coding");
    }

    @Test
    void rejectsCodingsAfterChunkedAcrossHeaderLines() {
        assertRejected(post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"), 400, "chunked must be the last");
        assertRejected(post("Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n"), 400, "chunked must be the last");
    }

    @Test
    void readsChunkedAsTheLastCodingOfSeveralHeaderLines() {
        assertRejected(post("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n"), 501, "'gzip' is not implemented");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ",", "chun ked", "\"chunked\"", "chunked/1"})
    void rejectsMalformedTransferEncoding(String value) {
        Http1Exception e = Requests.reject(post("Transfer-Encoding: " + value + "\r\n"));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).containsAnyOf("malformed Transfer-Encoding", "without chunked as the final coding");
    }

    @Test
    void rejectsKelvinSignThatFoldsToChunked() {
        assertThat("\u212Ahunked".equalsIgnoreCase("khunked")).isTrue(); // Java case folding would accept it
        assertRejected(utf8(post("Transfer-Encoding: chun\u212Aed\r\n")), Limits.DEFAULT, 400, "malformed Transfer-Encoding");
    }

    @Test
    void rejectsTransferEncodingInHttp10() {
        assertRejected(http10("Transfer-Encoding: chunked\r\n"), 400, "Transfer-Encoding in an HTTP/1.0 request");
    }

    @Test
    void readsFramingHeadersUnderTurkishLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.of("tr"));
            assertThat("TRANSFER-ENCODING".toLowerCase()).isNotEqualTo("transfer-encoding"); // the trap: dotless i
            Http1Request chunked = decode("POST / HTTP/1.1\r\nHOST: example.com\r\nTRANSFER-ENCODING: CHUNKED\r\n"
                    + "CONNECTION: CLOSE\r\nEXPECT: 100-CONTINUE\r\n\r\n");
            assertThat(chunked.chunked()).isTrue();
            assertThat(chunked.host()).isEqualTo("example.com");
            assertThat(chunked.keepAlive()).isFalse();
            assertThat(chunked.expectContinue()).isTrue();
            assertThat(decode("POST / HTTP/1.0\r\nCONTENT-LENGTH: 3\r\nCONNECTION: KEEP-ALIVE\r\n\r\n").keepAlive()).isTrue();
            assertRejected("GET / HTTP/1.1\r\nHOST: a\r\nHOST: b\r\n\r\n", 400, "more than one Host");
            assertRejected(post("TRANSFER-ENCODING: CHUNKED\r\nCONTENT-LENGTH: 1\r\n"), 400, "both");
        } finally {
            Locale.setDefault(saved);
        }
    }

    // --- Host ---------------------------------------------------------------------------------

    @Test
    void rejectsHttp11RequestWithoutHost() {
        assertRejected("GET / HTTP/1.1\r\n\r\n", 400, "without a Host header");
        assertRejected("GET http://example.com/ HTTP/1.1\r\n\r\n", 400, "without a Host header");
    }

    @Test
    void acceptsHttp10RequestWithoutHost() {
        assertThat(decode("GET / HTTP/1.0\r\n\r\n").host()).isNull();
    }

    @Test
    void rejectsTwoHostHeaders() {
        assertRejected("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", 400, "more than one Host");
        assertRejected("GET / HTTP/1.0\r\nHost: a\r\nhost: b\r\n\r\n", 400, "more than one Host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exa mple.com", "user@example.com", "example.com/path", "example.com?x", "example.com#f",
        "exa\"mple", "a\\b", "caf\u00e9.example", "<x>", "a{b}", "a|b", "a^b", "a`b"})
    void rejectsMalformedHost(String host) {
        assertRejected("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n", 400, "malformed Host header");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "example.com:8080", "127.0.0.1:80", "[::1]:8080", "xn--caf-dma.example",
        "my_host.local", "a-b.c~d"})
    void acceptsValidHost(String host) {
        assertThat(decode("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").host()).isEqualTo(host);
    }

    @Test
    void acceptsEmptyHost() {
        // RFC 9112 3.2: a target without an authority is sent with an empty Host.
        assertThat(decode("GET / HTTP/1.1\r\nHost:\r\n\r\n").host()).isEmpty();
    }

    @Test
    void absoluteFormAuthorityOverridesHostHeader() {
        Http1Request r = decode("GET http://target.example:81/x HTTP/1.1\r\nHost: header.example\r\n\r\n");
        assertThat(r.host()).isEqualTo("target.example:81");
        assertThat(r.headers().get("Host")).isEqualTo("header.example");
    }

    @Test
    void checksHostHeaderEvenWithAbsoluteForm() {
        assertRejected("GET http://target.example/ HTTP/1.1\r\nHost: bad host\r\n\r\n", 400, "malformed Host header");
    }

    // --- Connection ---------------------------------------------------------------------------

    @Test
    void keepsHttp11ConnectionsAliveByDefault() {
        assertThat(decode("GET / HTTP/1.1\r\nHost: a\r\n\r\n").keepAlive()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"close", "Close", "CLOSE", "keep-alive, close", "upgrade,close", " close "})
    void closesHttp11ConnectionOnConnectionClose(String value) {
        assertThat(decode("GET / HTTP/1.1\r\nHost: a\r\nConnection: " + value + "\r\n\r\n").keepAlive()).isFalse();
    }

    @Test
    void closeInAnyConnectionHeaderWins() {
        assertThat(decode("GET / HTTP/1.0\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n").keepAlive()).isFalse();
    }

    @Test
    void closesHttp10ConnectionsByDefault() {
        assertThat(decode("GET / HTTP/1.0\r\n\r\n").keepAlive()).isFalse();
        assertThat(decode("GET / HTTP/1.0\r\nConnection: foo\r\n\r\n").keepAlive()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"keep-alive", "Keep-Alive", "foo, keep-alive", "KEEP-ALIVE"})
    void keepsHttp10ConnectionAliveOnKeepAlive(String value) {
        assertThat(decode("GET / HTTP/1.0\r\nConnection: " + value + "\r\n\r\n").keepAlive()).isTrue();
    }

    @Test
    void ignoresKeepAliveLookalikes() {
        assertThat(decode("GET / HTTP/1.0\r\nConnection: keep-alive-ish\r\n\r\n").keepAlive()).isFalse();
        assertThat(decode(utf8("GET / HTTP/1.0\r\nConnection: \u212Aeep-alive\r\n\r\n"), Limits.DEFAULT).keepAlive()).isFalse();
        assertThat(decode("GET / HTTP/1.1\r\nHost: a\r\nConnection: closed\r\n\r\n").keepAlive()).isTrue();
    }

    // --- Expect -------------------------------------------------------------------------------

    @Test
    void flagsExpect100Continue() {
        assertThat(decode(post("Content-Length: 5\r\nExpect: 100-continue\r\n")).expectContinue()).isTrue();
        assertThat(decode(post("Content-Length: 5\r\nexpect: 100-Continue\r\n")).expectContinue()).isTrue();
    }

    @Test
    void doesNotFlagWithoutExpect() {
        assertThat(decode(post("Content-Length: 5\r\n")).expectContinue()).isFalse();
    }

    @Test
    void ignores100ContinueFromHttp10Clients() {
        assertThat(decode(http10("Content-Length: 5\r\nExpect: 100-continue\r\n")).expectContinue()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"200-ok", "100-continue, foo", "100-continuex", ""})
    void answers417ForOtherExpectations(String value) {
        assertRejected(post("Content-Length: 5\r\nExpect: " + value + "\r\n"), 417, "unsupported expectation");
    }
}
