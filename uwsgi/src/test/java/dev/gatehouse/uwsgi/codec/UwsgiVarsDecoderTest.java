package dev.gatehouse.uwsgi.codec;

import dev.gatehouse.testkit.PieceInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class UwsgiVarsDecoderTest {
    private final UwsgiVarsDecoder decoder = UwsgiVarsDecoder.withDefaults();

    private Map<String, String> decode(byte[] block) throws UwsgiException {
        return decoder.decode(block, 0, block.length);
    }

    private static void assertRejected(ThrowingCallable call, int status, String message) {
        assertThatThrownBy(call).isInstanceOf(UwsgiException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((UwsgiException) e).status()).isEqualTo(status));
    }

    @Test
    void decodesGoldenPairsInOrder() throws UwsgiException {
        byte[] block = {
            14, 0, 'R', 'E', 'Q', 'U', 'E', 'S', 'T', '_', 'M', 'E', 'T', 'H', 'O', 'D', 3, 0, 'G', 'E', 'T',
            9, 0, 'P', 'A', 'T', 'H', '_', 'I', 'N', 'F', 'O', 1, 0, '/',
            12, 0, 'C', 'O', 'N', 'T', 'E', 'N', 'T', '_', 'T', 'Y', 'P', 'E', 0, 0};
        assertThat(decode(block)).containsExactly(Map.entry("REQUEST_METHOD", "GET"), Map.entry("PATH_INFO", "/"),
                Map.entry("CONTENT_TYPE", ""));
    }

    @Test
    void anEmptyBlockHasNoVars() throws UwsgiException {
        assertThat(decode(new byte[0])).isEmpty();
    }

    @Test
    void lengthsAreLittleEndianAndValuesKeepEveryByte() throws UwsgiException {
        String value = "x".repeat(0x0102);
        byte[] block = Bytes.of().u16(1).text("K").raw(new byte[] {0x02, 0x01}).text(value).pair("L", "caf\u00e9\u0000\u00ff").bytes();
        assertThat(decode(block)).containsEntry("K", value).containsEntry("L", "caf\u00e9\u0000\u00ff");
    }

    @Test
    void rejectsAKeyRunningPastTheBlock() {
        byte[] block = Bytes.of().u16(10).text("SHORT").bytes();
        assertRejected(() -> decode(block), 400, "key of 10 bytes runs past the end of the vars block");
    }

    @Test
    void rejectsAValueRunningPastTheBlock() {
        byte[] block = Bytes.of().pair("A", "1").u16(1).text("B").u16(3).text("xy").bytes();
        assertRejected(() -> decode(block), 400, "value of B of 3 bytes runs past the end");
    }

    @Test
    void rejectsATrailingByte() {
        byte[] block = Bytes.of().pair("A", "1").u8(0).bytes();
        assertRejected(() -> decode(block), 400, "ends inside the length of a key");
    }

    @Test
    void rejectsAKeyWithoutItsValueLength() {
        byte[] block = Bytes.of().u16(1).text("A").u8(1).bytes();
        assertRejected(() -> decode(block), 400, "ends inside the length of a value of A");
    }

    @Test
    void rejectsAnEmptyKey() {
        byte[] block = Bytes.of().u16(0).u16(1).text("x").bytes();
        assertRejected(() -> decode(block), 400, "empty key");
    }

    @Test
    void rejectsARepeatedCgiVariable() {
        byte[] block = Bytes.of().pair("CONTENT_LENGTH", "5").pair("PATH_INFO", "/").pair("CONTENT_LENGTH", "500").bytes();
        assertRejected(() -> decode(block), 400, "CONTENT_LENGTH sent twice");
    }

    @Test
    void rejectsARepeatedBareHttpPrefix() {
        byte[] block = Bytes.of().pair("HTTP_", "a").pair("HTTP_", "b").bytes();
        assertRejected(() -> decode(block), 400, "HTTP_ sent twice");
    }

    @Test
    void combinesARepeatedHeaderAsFieldLinesAre() throws UwsgiException {
        byte[] block = Bytes.of().pair("HTTP_ACCEPT", "text/plain").pair("HTTP_X", "1").pair("HTTP_ACCEPT", "text/html")
                .pair("HTTP_COOKIE", "a=1").pair("HTTP_COOKIE", "b=2").bytes();
        assertThat(decode(block)).containsExactly(Map.entry("HTTP_ACCEPT", "text/plain, text/html"), Map.entry("HTTP_X", "1"),
                Map.entry("HTTP_COOKIE", "a=1; b=2"));
    }

    @Test
    void rejectsMoreVarsThanTheLimitWith431() throws UwsgiException {
        UwsgiVarsDecoder three = new UwsgiVarsDecoder(1000, 3);
        byte[] ok = Bytes.of().pair("A", "").pair("B", "").pair("C", "").bytes();
        assertThat(three.decode(ok, 0, ok.length)).hasSize(3);
        byte[] four = Bytes.of().raw(ok).pair("D", "").bytes();
        assertRejected(() -> three.decode(four, 0, four.length), 431, "more than 3 uwsgi vars");
    }

    @Test
    void defaultLimitIsAThousandVars() throws UwsgiException {
        Bytes many = Bytes.of();
        for (int i = 0; i < 1000; i++) many.pair("V" + i, "");
        assertThat(decode(many.bytes())).hasSize(1000);
        byte[] tooMany = many.pair("V1000", "").bytes();
        assertRejected(() -> decode(tooMany), 431, "more than 1000");
    }

    @Test
    void refusesABlockOverTheLimitBeforeReadingIt() {
        UwsgiVarsDecoder small = new UwsgiVarsDecoder(100, 10);
        PieceInput in = PieceInput.whole(new byte[101]);
        assertRejected(() -> small.read(in, new UwsgiPacketHeader(0, 101, 0)), 431, "101 bytes is over the limit of 100");
        assertThat(in.remaining()).isEqualTo(101);
    }

    @Test
    void readTakesExactlyTheBlockAndLeavesTheBody() throws IOException {
        byte[] block = Bytes.of().pair("REQUEST_METHOD", "POST").bytes();
        PieceInput in = PieceInput.pieces(Bytes.of().raw(block).text("body").bytes(), 1);
        assertThat(decoder.read(in, new UwsgiPacketHeader(0, block.length, 0))).containsEntry("REQUEST_METHOD", "POST");
        assertThat(in.remaining()).isEqualTo(4);
    }

    @Test
    void readRejectsABlockCutShort() {
        PieceInput in = PieceInput.whole(Bytes.of().pair("A", "1").bytes());
        assertRejected(() -> decoder.read(in, new UwsgiPacketHeader(0, 20, 0)), 400, "closed inside the uwsgi vars block (6 of 20 bytes)");
    }
}
