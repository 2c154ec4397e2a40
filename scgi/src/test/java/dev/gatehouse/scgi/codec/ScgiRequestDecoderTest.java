package dev.gatehouse.scgi.codec;

import dev.gatehouse.testkit.PieceInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The header decoder on golden bytes: the spec's own example, then one test per rule it enforces. */
class ScgiRequestDecoderTest {
    private static final int MAX = 64 * 1024;

    /** Latin-1 bytes of {@code s}; NUL is written {@code \0}. */
    static byte[] wire(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A netstring around {@code pairs} (given with their NULs). */
    static byte[] netstring(String pairs) {
        return wire(pairs.length() + ":" + pairs + ",");
    }

    private static SequencedMap<String, String> decode(byte[] bytes) throws IOException {
        return new ScgiRequestDecoder(MAX).decode(PieceInput.whole(bytes));
    }

    private static void assertRejected(byte[] bytes, int status, String message) {
        assertThatThrownBy(() -> decode(bytes)).isInstanceOf(ScgiException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ScgiException) e).status()).isEqualTo(status));
    }

    @Test
    void decodesTheSpecExampleAndStopsAtTheBody() throws IOException {
        byte[] bytes = wire("70:CONTENT_LENGTH\u000027\u0000SCGI\u00001\u0000REQUEST_METHOD\u0000POST\u0000REQUEST_URI\u0000/deepthought\u0000,"
                + "What is the answer to life?");
        PieceInput in = PieceInput.whole(bytes);
        SequencedMap<String, String> vars = new ScgiRequestDecoder(MAX).decode(in);
        assertThat(List.copyOf(vars.keySet())).containsExactly("CONTENT_LENGTH", "SCGI", "REQUEST_METHOD", "REQUEST_URI");
        assertThat(vars).containsEntry("CONTENT_LENGTH", "27").containsEntry("SCGI", "1")
                .containsEntry("REQUEST_METHOD", "POST").containsEntry("REQUEST_URI", "/deepthought");
        assertThat(ScgiRequestDecoder.contentLength(vars)).isEqualTo(27);
        assertThat(in.remaining()).as("the body is left unread").isEqualTo(27);
    }

    @Test
    void decodesWhatNginxSendsEmptyValuesIncluded() throws IOException {
        SequencedMap<String, String> vars = decode(netstring("CONTENT_LENGTH\u00000\u0000REQUEST_METHOD\u0000GET\u0000CONTENT_TYPE\u0000\u0000"
                + "DOCUMENT_URI\u0000/caf\u00c3\u00a9\u0000SCGI\u00001\u0000"));
        assertThat(vars).containsEntry("CONTENT_TYPE", "").containsEntry("DOCUMENT_URI", "/caf\u00c3\u00a9");
    }

    @Test
    void returnsNullWhenTheStreamEndsBeforeTheFirstByte() throws IOException {
        assertThat(decode(new byte[0])).isNull();
    }

    @Test
    void theDecodedMapIsUnmodifiable() throws IOException {
        SequencedMap<String, String> vars = decode(netstring("CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000"));
        assertThatThrownBy(() -> vars.put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- the netstring ------------------------------------------------------------------------

    @Test
    void rejectsALeadingZero() {
        assertRejected(wire("024:CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000,"), 400, "starts with '0'");
        assertRejected(wire("0000000000000000000000000"), 400, "starts with '0'");
    }

    @Test
    void rejectsALengthOfZeroAsAHeaderWithoutContentLength() {
        assertRejected(wire("0:,"), 400, "CONTENT_LENGTH is missing");
    }

    @Test
    void rejectsALengthWithMoreDigitsThanTheLimitAllows() {
        assertRejected(wire("123456:"), 431, "more than 5 digits");
        assertRejected(wire("99999999999999999999999999:"), 431, "more than 5 digits");
    }

    @Test
    void rejectsALengthOverTheLimit() {
        assertRejected(wire("65537:"), 431, "65537 bytes is over the limit of 65536");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+24:", "-24:", " 24:", "\u00d9\u00a3:", "\u00b2:", "GET / HTTP/1.1\r\n", ":"})
    void rejectsAStartThatIsNotALength(String start) {
        assertRejected(wire(start), 400, "not an SCGI request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"24 :", "2x:", "24;", "2\u00b3:"})
    void rejectsALengthNotEndedByAColon(String start) {
        assertRejected(wire(start), 400, "instead of ':'");
    }

    @Test
    void rejectsAHeaderNotFollowedByAComma() {
        assertRejected(wire("24:CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000;"), 400, "not followed by ','");
        // a length one short: the last NUL is where the comma should be
        assertRejected(wire("23:CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000,"), 400, "not followed by ',' but by byte 0x00");
        // a length one long: the comma is taken into the header, the byte after it is not a comma
        assertRejected(wire("25:CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000,x"), 400, "not followed by ',' but by 'x'");
    }

    @Test
    void rejectsAConnectionClosedMidway() {
        assertRejected(wire("24"), 400, "inside the SCGI netstring length");
        assertRejected(wire("24:CONTENT_LENGTH\u00000"), 400, "inside the SCGI header (16 of 24 bytes came)");
        assertRejected(wire("24:CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000"), 400, "before the ','");
    }

    // ---- the pairs ----------------------------------------------------------------------------

    @Test
    void rejectsContentLengthNotFirst() {
        assertRejected(netstring("SCGI\u00001\u0000CONTENT_LENGTH\u00000\u0000"), 400, "the first SCGI variable is SCGI, not CONTENT_LENGTH");
        assertRejected(netstring("SCGI\u00001\u0000"), 400, "not CONTENT_LENGTH");
        assertRejected(netstring("content_length\u00000\u0000SCGI\u00001\u0000"), 400, "not CONTENT_LENGTH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+5", "-1", " 5", "5 ", "0x10", "\u00d9\u00a3", "\u00b2", "1e3", "5\t", "1_000"})
    void rejectsAContentLengthThatIsNotDigits(String length) {
        assertRejected(netstring("CONTENT_LENGTH\u0000" + length + "\u0000SCGI\u00001\u0000"), 400, "CONTENT_LENGTH is not a number");
    }

    @Test
    void rejectsAnEmptyContentLength() {
        assertRejected(netstring("CONTENT_LENGTH\u0000\u0000SCGI\u00001\u0000"), 400, "CONTENT_LENGTH is empty");
    }

    @Test
    void acceptsEighteenDigitsAndAnswers413ToMore() throws IOException {
        assertThat(ScgiRequestDecoder.contentLength(decode(netstring("CONTENT_LENGTH\u0000999999999999999999\u0000SCGI\u00001\u0000"))))
                .isEqualTo(999_999_999_999_999_999L);
        assertRejected(netstring("CONTENT_LENGTH\u00001000000000000000000\u0000SCGI\u00001\u0000"), 413, "CONTENT_LENGTH out of range");
    }

    @Test
    void rejectsAMissingScgiVariable() {
        assertRejected(netstring("CONTENT_LENGTH\u00000\u0000REQUEST_METHOD\u0000GET\u0000"), 400, "no SCGI variable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "", "1.0", " 1", "01"})
    void rejectsAnScgiVersionOtherThanOne(String version) {
        assertRejected(netstring("CONTENT_LENGTH\u00000\u0000SCGI\u0000" + version + "\u0000"), 400, "not '1'");
    }

    @Test
    void rejectsANameSentTwice() {
        assertRejected(netstring("CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000HTTP_X_A\u00001\u0000HTTP_X_A\u00002\u0000"), 400,
                "HTTP_X_A twice");
        assertRejected(netstring("CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000CONTENT_LENGTH\u00005\u0000"), 400, "CONTENT_LENGTH twice");
        assertRejected(netstring("CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000SCGI\u00001\u0000"), 400, "SCGI twice");
    }

    @Test
    void mergesRepeatedHeaderVariablesOnlyWhenAskedAndOnlyThose() throws IOException {
        byte[] repeated = netstring("CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000HTTP_X_A\u00001\u0000HTTP_COOKIE\u0000a=1\u0000"
                + "HTTP_X_A\u00002\u0000HTTP_COOKIE\u0000b=2\u0000HTTP_X_A\u00003\u0000");
        SequencedMap<String, String> vars = new ScgiRequestDecoder(MAX, true).decode(PieceInput.whole(repeated));
        assertThat(vars).containsEntry("HTTP_X_A", "1, 2, 3").containsEntry("HTTP_COOKIE", "a=1; b=2");
        assertThat(List.copyOf(vars.keySet())).containsExactly("CONTENT_LENGTH", "SCGI", "HTTP_X_A", "HTTP_COOKIE");
        byte[] repeatedMethod = netstring("CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000REQUEST_METHOD\u0000GET\u0000REQUEST_METHOD\u0000POST\u0000");
        assertThatThrownBy(() -> new ScgiRequestDecoder(MAX, true).decode(PieceInput.whole(repeatedMethod)))
                .isInstanceOf(ScgiException.class).hasMessageContaining("REQUEST_METHOD twice");
    }

    @Test
    void rejectsAnEmptyName() {
        assertRejected(netstring("CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000\u0000value\u0000"), 400, "empty name");
        assertRejected(netstring("\u00000\u0000SCGI\u00001\u0000"), 400, "empty name");
    }

    @Test
    void rejectsAnUnterminatedOrUnpairedString() {
        assertRejected(netstring("CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000X\u0000y"), 400, "does not end with NUL");
        assertRejected(netstring("CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000LONELY\u0000"), 400, "LONELY without its value");
    }

    @Test
    void keepsEveryByteAsOneLatin1Char() throws IOException {
        SequencedMap<String, String> vars = decode(netstring("CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000HTTP_X\u0000\u0001\u007f\u0080\u00ff\u0000"));
        assertThat(vars.get("HTTP_X")).isEqualTo("\u0001\u007f\u0080\u00ff");
    }

    @Test
    void aSmallLimitBoundsTheDigitsToo() {
        ScgiRequestDecoder small = new ScgiRequestDecoder(99);
        assertThatThrownBy(() -> small.decode(PieceInput.whole(wire("100:")))).isInstanceOf(ScgiException.class)
                .hasMessageContaining("more than 2 digits");
    }
}
