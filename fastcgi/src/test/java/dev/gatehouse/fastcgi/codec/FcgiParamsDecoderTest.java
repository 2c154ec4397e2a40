package dev.gatehouse.fastcgi.codec;

import static dev.gatehouse.fastcgi.codec.Wire.concat;
import static dev.gatehouse.fastcgi.codec.Wire.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PARAMS stream decoder (FastCGI 1.0, section 3.4), fed record contents as a server receives them. */
class FcgiParamsDecoderTest {
    private static final int MAX_BYTES = 4096;
    private static final int MAX_PAIRS = 16;

    @Test
    void decodesOneByteLengths() throws FcgiException {
        assertThat(decode(hex("01 02 41 62 63"))).containsExactly(entry("A", "bc"));
    }

    @Test
    void decodesFourByteLengthsForNameAndValue() throws FcgiException {
        byte[] bytes = concat(hex("80 00 00 80 80 00 01 2c"), ascii("N".repeat(128)), ascii("v".repeat(300)));
        assertThat(decode(bytes)).containsExactly(entry("N".repeat(128), "v".repeat(300)));
    }

    @ParameterizedTest
    @CsvSource({"127, 127", "127, 128", "128, 127", "128, 128", "1, 128", "128, 0"})
    void decodesLengthsEitherSideOf128(int nameLength, int valueLength) throws FcgiException {
        String name = "n".repeat(nameLength);
        String value = "v".repeat(valueLength);
        assertThat(decode(encoded(name, value))).containsExactly(entry(name, value));
    }

    @Test
    void acceptsAFourByteEncodingOfASmallLength() throws FcgiException {
        byte[] bytes = concat(hex("80 00 00 01 80 00 00 02"), ascii("Abc"));
        assertThat(decode(bytes)).containsExactly(entry("A", "bc"));
    }

    @Test
    void decodesAnEmptyValue() throws FcgiException {
        assertThat(decode(hex("05 00 48 54 54 50 53  01 01 41 31"))).containsExactly(entry("HTTPS", ""), entry("A", "1"));
    }

    @Test
    void decodesAnEmptyStream() throws FcgiException {
        assertThat(decode(new byte[0])).isEmpty();
        FcgiParamsDecoder decoder = decoder();
        decoder.feed(new byte[0]);
        assertThat(decoder.finish()).isEmpty();
    }

    @Test
    void decodesPairsSplitAcrossTwoRecordsAtEveryBytePosition() throws FcgiException {
        byte[] bytes = sample();
        Map<String, String> expected = sampleMap();
        for (int cut = 0; cut <= bytes.length; cut++) {
            FcgiParamsDecoder decoder = decoder();
            decoder.feed(Arrays.copyOfRange(bytes, 0, cut));
            decoder.feed(Arrays.copyOfRange(bytes, cut, bytes.length));
            assertThat(decoder.finish()).as("cut at %d", cut).containsExactlyEntriesOf(expected);
        }
    }

    @Test
    void decodesPairsFedOneByteARecord() throws FcgiException {
        FcgiParamsDecoder decoder = decoder();
        for (byte b : sample()) decoder.feed(new byte[] {b});
        assertThat(decoder.finish()).containsExactlyEntriesOf(sampleMap());
    }

    @Test
    void decodesAMegabytePairFedOneByteARecord() throws FcgiException {
        int max = 1024 * 1024;
        byte[] bytes = encoded("N", "v".repeat(max - 6));
        FcgiParamsDecoder decoder = new FcgiParamsDecoder(max, MAX_PAIRS);
        for (byte b : bytes) decoder.feed(new byte[] {b});
        assertThat(decoder.finish().get("N")).hasSize(max - 6);
    }

    @Test
    void rejectsAnEmptyName() {
        assertThatThrownBy(() -> decode(hex("00 01 78"))).isInstanceOf(FcgiException.class).hasMessageContaining("empty name");
    }

    @Test
    void rejectsAStreamEndingInsideAPairAtEveryBytePosition() throws FcgiException {
        byte[] bytes = sample();
        for (int cut = 1; cut < bytes.length; cut++) {
            FcgiParamsDecoder decoder = decoder();
            decoder.feed(Arrays.copyOf(bytes, cut));
            if (pairBoundaries().contains(cut)) {
                assertThat(decoder.finish()).as("cut at %d", cut).isNotEmpty();
            } else {
                assertThatThrownBy(decoder::finish).as("cut at %d", cut)
                    .isInstanceOf(FcgiException.class).hasMessageContaining("middle of a name-value pair");
            }
        }
    }

    @Test
    void acceptsExactlyTheByteLimit() throws FcgiException {
        byte[] bytes = encoded("N", "v".repeat(MAX_BYTES - 6));
        assertThat(bytes).hasSize(MAX_BYTES);
        assertThat(decode(bytes)).hasSize(1);
    }

    @Test
    void rejectsMoreBytesThanTheLimitAcrossRecords() throws FcgiException {
        FcgiParamsDecoder decoder = decoder();
        decoder.feed(encoded("A", "v".repeat(MAX_BYTES - 7)));
        assertThatThrownBy(() -> decoder.feed(hex("01 00 42 01")))
            .isInstanceOf(FcgiException.class).hasMessageContaining("larger than " + MAX_BYTES);
    }

    @Test
    void acceptsExactlyThePairLimit() throws FcgiException {
        assertThat(decode(pairs(MAX_PAIRS))).hasSize(MAX_PAIRS);
    }

    @Test
    void rejectsMorePairsThanTheLimit() {
        assertThatThrownBy(() -> decode(pairs(MAX_PAIRS + 1)))
            .isInstanceOf(FcgiException.class).hasMessageContaining("more than " + MAX_PAIRS);
    }

    @Test
    void countsARepeatedNameAgainstThePairLimit() {
        byte[] same = hex("01 01 41 31");
        byte[][] repeats = new byte[MAX_PAIRS + 1][];
        Arrays.fill(repeats, same);
        assertThatThrownBy(() -> decode(concat(repeats))).isInstanceOf(FcgiException.class);
    }

    @Test
    void keepsTheLastValueOfARepeatedName() throws FcgiException {
        assertThat(decode(hex("01 01 41 31  01 01 42 32  01 01 41 33"))).containsExactly(entry("A", "3"), entry("B", "2"));
    }

    @Test
    void keepsNonAsciiBytesAsIso88591Characters() throws FcgiException {
        Map<String, String> pairs = decode(hex("02 04 58 e9  ff 80 00 7f"));
        assertThat(pairs).containsExactly(entry("X\u00e9", "\u00ff\u0080\u0000\u007f"));
        String value = pairs.get("X\u00e9");
        assertThat(value.getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(hex("ff 80 00 7f"));
    }

    @Test
    void rejectsAHugeNameLengthByTheLimitWithoutWaitingForItsBytes() {
        FcgiParamsDecoder decoder = new FcgiParamsDecoder(1024, MAX_PAIRS);
        assertThatThrownBy(() -> decoder.feed(hex("ff ff ff ff 01")))
            .isInstanceOf(FcgiException.class).hasMessageContaining("pair larger than 1024");
    }

    @Test
    void rejectsAHugeValueLengthByTheLimitWithoutWaitingForItsBytes() {
        FcgiParamsDecoder decoder = new FcgiParamsDecoder(1024, MAX_PAIRS);
        assertThatThrownBy(() -> decoder.feed(hex("01 80 00 04 01 41")))
            .isInstanceOf(FcgiException.class).hasMessageContaining("pair larger than 1024");
    }

    @Test
    void rejectsAPairJustOverTheLimitBeforeItsBytesArrive() {
        FcgiParamsDecoder decoder = new FcgiParamsDecoder(1024, MAX_PAIRS);
        assertThatThrownBy(() -> decoder.feed(hex("01 80 00 04 00"))).isInstanceOf(FcgiException.class);
    }

    @Test
    void boundsAHugeLengthWhoseOtherLengthNeverComes() throws FcgiException {
        FcgiParamsDecoder decoder = new FcgiParamsDecoder(1024, MAX_PAIRS);
        decoder.feed(hex("ff ff ff"));
        assertThatThrownBy(decoder::finish).isInstanceOf(FcgiException.class);
    }

    private static FcgiParamsDecoder decoder() {
        return new FcgiParamsDecoder(MAX_BYTES, MAX_PAIRS);
    }

    private static Map<String, String> decode(byte[] bytes) throws FcgiException {
        FcgiParamsDecoder decoder = decoder();
        decoder.feed(bytes);
        return decoder.finish();
    }

    /** Pairs with every combination of 1- and 4-byte lengths, an empty value and a Latin-1 byte. */
    private static Map<String, String> sampleMap() {
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("REQUEST_METHOD", "GET");
        pairs.put("N".repeat(130), "short");
        pairs.put("Q", "q".repeat(200));
        pairs.put("L".repeat(128), "l".repeat(129));
        pairs.put("EMPTY", "");
        pairs.put("X", "caf\u00e9");
        return pairs;
    }

    private static byte[] sample() {
        return FcgiParams.encode(sampleMap());
    }

    /** Offsets in {@link #sample()} where a pair ends. */
    private static Set<Integer> pairBoundaries() {
        Set<Integer> ends = new HashSet<>();
        int at = 0;
        for (Map.Entry<String, String> e : sampleMap().entrySet()) {
            at += encoded(e.getKey(), e.getValue()).length;
            ends.add(at);
        }
        return ends;
    }

    private static byte[] pairs(int count) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) pairs.put("P" + i, "v");
        return FcgiParams.encode(pairs);
    }

    private static byte[] encoded(String name, String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FcgiParams.encode(out, name, value);
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
