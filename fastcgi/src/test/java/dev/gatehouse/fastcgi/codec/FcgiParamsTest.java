package dev.gatehouse.fastcgi.codec;

import static dev.gatehouse.fastcgi.codec.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden bytes for name-value pairs (FastCGI 1.0, section 3.4): 1-byte lengths under 128, else 4 bytes with the high bit set. */
class FcgiParamsTest {

    @Test
    void writesShortLengthsInOneByte() {
        assertThat(hex(pair("A", "bc"))).isEqualTo("01 02 41 62 63");
    }

    @Test
    void writesAnEmptyValueAsLengthZero() {
        assertThat(hex(pair("HTTPS", ""))).isEqualTo("05 00 48 54 54 50 53");
    }

    @ParameterizedTest
    @CsvSource({
        "0,          00",
        "1,          01",
        "127,        7f",
        "128,        80 00 00 80",
        "255,        80 00 00 ff",
        "300,        80 00 01 2c",
        "65536,      80 01 00 00",
        "16909060,   81 02 03 04",
        "2147483647, ff ff ff ff"})
    void writesLengthsFrom128InFourBytesWithTheHighBitSet(int length, String golden) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FcgiParams.writeLength(out, length);
        assertThat(hex(out.toByteArray())).isEqualTo(golden);
    }

    @Test
    void writesALongNameInFourBytesAndAShortValueInOne() {
        byte[] bytes = pair("N".repeat(128), "v");
        assertThat(hex(Arrays.copyOf(bytes, 6))).isEqualTo("80 00 00 80 01 4e");
        assertThat(bytes).hasSize(5 + 128 + 1);
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) 'v');
    }

    @Test
    void writesAShortNameInOneByteAndALongValueInFour() {
        byte[] bytes = pair("N", "v".repeat(127 + 200));
        assertThat(hex(Arrays.copyOf(bytes, 6))).isEqualTo("01 80 00 01 47 4e");
        assertThat(bytes).hasSize(5 + 1 + 327);
    }

    @Test
    void writesLengthsOf127InOneByte() {
        byte[] bytes = pair("N".repeat(127), "v".repeat(127));
        assertThat(hex(Arrays.copyOf(bytes, 3))).isEqualTo("7f 7f 4e");
        assertThat(bytes).hasSize(2 + 254);
    }

    @Test
    void writesCharactersAsTheirIso88591Bytes() {
        assertThat(hex(pair("X\u00e9", "\u00ff\u0080"))).isEqualTo("02 02 58 e9 ff 80");
    }

    @Test
    void writesPairsInTheMapsOrder() {
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("B", "2");
        pairs.put("A", "1");
        assertThat(hex(FcgiParams.encode(pairs))).isEqualTo("01 01 42 32 01 01 41 31");
    }

    private static byte[] pair(String name, String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FcgiParams.encode(out, name, value);
        return out.toByteArray();
    }
}
