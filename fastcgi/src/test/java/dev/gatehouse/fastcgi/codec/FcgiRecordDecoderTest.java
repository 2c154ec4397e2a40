package dev.gatehouse.fastcgi.codec;

import dev.gatehouse.testkit.PieceInput;
import static dev.gatehouse.fastcgi.codec.Wire.concat;
import static dev.gatehouse.fastcgi.codec.Wire.counting;
import static dev.gatehouse.fastcgi.codec.Wire.decodeAll;
import static dev.gatehouse.fastcgi.codec.Wire.hex;
import static dev.gatehouse.fastcgi.codec.Wire.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The record decoder against hand-made wire bytes (FastCGI 1.0, section 3.3), fed whole and in pieces. */
class FcgiRecordDecoderTest {
    private static final byte[] EIGHT = hex("00 01 01 00 00 00 00 00");

    @ParameterizedTest
    @EnumSource(FcgiRecordType.class)
    void decodesEachRecordType(FcgiRecordType type) throws IOException {
        byte[] content = fixedBody(type) ? EIGHT : counting(13);
        FcgiRecord r = single(record(FcgiRecord.VERSION, type.code, 5, content, 3));
        assertThat(r.type()).isEqualTo(type.code);
        assertThat(r.knownType()).isEqualTo(type);
        assertThat(r.requestId()).isEqualTo(5);
        assertThat(r.content()).isEqualTo(content);
    }

    @Test
    void decodesBeginRequestBody() throws IOException {
        FcgiRecord r = single(hex("01 01 00 01 00 08 00 00  00 02 01 00 00 00 00 00"));
        assertThat(r.knownType()).isEqualTo(FcgiRecordType.BEGIN_REQUEST);
        assertThat(FcgiRole.from(r.beginRole())).isEqualTo(FcgiRole.AUTHORIZER);
        assertThat(r.beginFlags()).isEqualTo(1);
    }

    @Test
    void decodesEndRequestBody() throws IOException {
        FcgiRecord r = single(hex("01 03 ab cd 00 08 00 00  ff ff ff fe 02 00 00 00"));
        assertThat(r.requestId()).isEqualTo(0xABCD);
        assertThat(r.endAppStatus()).isEqualTo(-2);
        assertThat(FcgiProtocolStatus.from(r.endProtocolStatus())).isEqualTo(FcgiProtocolStatus.OVERLOADED);
    }

    @Test
    void decodesAnEmptyStreamRecordAsTheStreamsEnd() throws IOException {
        FcgiRecord r = single(hex("01 05 00 01 00 00 00 00"));
        assertThat(r.knownType()).isEqualTo(FcgiRecordType.STDIN);
        assertThat(r.endsStream()).isTrue();
    }

    @Test
    void decodesTheLargestContentWithTheLargestPadding() throws IOException {
        byte[] content = counting(FcgiRecord.MAX_CONTENT);
        List<FcgiRecord> records = decodeAll(concat(
            record(FcgiRecord.VERSION, FcgiRecordType.STDOUT.code, 1, content, 255),
            record(FcgiRecordType.STDOUT.code, 1, new byte[0])));
        assertThat(records).hasSize(2);
        assertThat(records.get(0).content()).isEqualTo(content);
        assertThat(records.get(1).endsStream()).isTrue();
    }

    @Test
    void skipsPaddingWhateverItsBytes() throws IOException {
        byte[] padded = hex("01 06 00 01 00 02 05 00  68 69 ff ff ff ff ff  01 06 00 01 00 00 00 00");
        List<FcgiRecord> records = decodeAll(padded);
        assertThat(records).extracting(r -> hex(r.content())).containsExactly("68 69", "");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 12, 13, 99, 255})
    void passesUnknownTypeCodesThroughRaw(int code) throws IOException {
        FcgiRecord r = single(record(FcgiRecord.VERSION, code, 0, counting(3), 5));
        assertThat(r.type()).isEqualTo(code);
        assertThat(r.knownType()).isNull();
        assertThat(r.content()).isEqualTo(counting(3));
    }

    @Test
    void returnsNullAtACleanEnd() throws IOException {
        FcgiRecordDecoder decoder = new FcgiRecordDecoder(PieceInput.whole(new byte[0]));
        assertThat(decoder.next()).isNull();
    }

    @Test
    void returnsNullAtACleanEndAfterRecords() throws IOException {
        FcgiRecordDecoder decoder = new FcgiRecordDecoder(PieceInput.whole(hex("01 02 00 01 00 00 00 00")));
        assertThat(decoder.next().knownType()).isEqualTo(FcgiRecordType.ABORT_REQUEST);
        assertThat(decoder.next()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 3, 255})
    void rejectsVersionsOtherThanOne(int version) {
        assertRejected(record(version, FcgiRecordType.STDIN.code, 1, new byte[0], 0), "unsupported FastCGI version " + version);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7})
    void rejectsAStreamEndingInsideAHeader(int length) {
        assertRejected(Arrays.copyOf(hex("01 06 00 01 00 02 06 00"), length), "inside a record header");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9})
    void rejectsAStreamEndingInsideContent(int contentBytes) {
        byte[] header = hex("01 06 00 01 00 0a 06 00");
        assertRejected(concat(header, counting(contentBytes)), "inside a record's content");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5})
    void rejectsAStreamEndingInsidePadding(int paddingBytes) {
        byte[] header = hex("01 06 00 01 00 02 06 00  68 69");
        assertRejected(concat(header, new byte[paddingBytes]), "inside a record's padding");
    }

    @ParameterizedTest
    @EnumSource(value = FcgiRecordType.class, names = {"BEGIN_REQUEST", "END_REQUEST", "UNKNOWN_TYPE"})
    void rejectsAFixedBodyOfAnotherLengthThanEight(FcgiRecordType type) {
        for (int length : new int[] {0, 1, 7, 9, 16}) {
            assertRejected(record(FcgiRecord.VERSION, type.code, 1, counting(length), 0), "instead of 8");
        }
    }

    @Test
    void rejectionsCarryStatus400() {
        assertThatThrownBy(() -> decodeAll(hex("02 01 00 01 00 00 00 00")))
            .isInstanceOfSatisfying(FcgiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void leavesBytesAfterARecordUnread() throws IOException {
        PieceInput in = PieceInput.whole(concat(hex("01 02 00 01 00 00 00 00"), hex("01 02 00 02")));
        assertThat(new FcgiRecordDecoder(in).next().requestId()).isEqualTo(1);
        assertThat(in.remaining()).isEqualTo(4);
    }

    static Stream<Arguments> feeds() {
        return Stream.of(
            Arguments.of("whole", (Function<byte[], InputStream>) PieceInput::whole),
            Arguments.of("byte by byte", (Function<byte[], InputStream>) b -> PieceInput.pieces(b, 1)),
            Arguments.of("3 bytes per read", (Function<byte[], InputStream>) b -> PieceInput.pieces(b, 3)),
            Arguments.of("random pieces, seed 1", (Function<byte[], InputStream>) b -> PieceInput.random(b, 1, 11)),
            Arguments.of("random pieces, seed 2", (Function<byte[], InputStream>) b -> PieceInput.random(b, 2, 300)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void decodesTheSameRecordsHoweverTheBytesArrive(String name, Function<byte[], InputStream> feed) throws IOException {
        byte[] stream = conversation();
        assertThat(describe(decodeAll(feed.apply(stream)))).isEqualTo(describe(decodeAll(stream))).hasSize(9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void rejectsTruncationTheSameHoweverTheBytesArrive(String name, Function<byte[], InputStream> feed) {
        byte[] stream = shortConversation();
        for (int cut = 1; cut < stream.length; cut++) {
            byte[] truncated = Arrays.copyOf(stream, cut);
            String whole = outcome(PieceInput.whole(truncated));
            assertThat(outcome(feed.apply(truncated))).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    /** A request and its response on one connection, with odd paddings, 70,000 bytes of STDIN and an unknown type. */
    private static byte[] conversation() {
        return concat(
            hex("01 01 00 01 00 08 00 00  00 01 01 00 00 00 00 00"),
            record(FcgiRecord.VERSION, FcgiRecordType.PARAMS.code, 1, hex("0b 01 52 45 51 55 45 53 54 5f 55 52 49 2f"), 2),
            hex("01 04 00 01 00 00 00 00"),
            record(FcgiRecord.VERSION, FcgiRecordType.STDIN.code, 1, counting(65535), 1),
            record(FcgiRecord.VERSION, FcgiRecordType.STDIN.code, 1, counting(4465), 255),
            hex("01 05 00 01 00 00 00 00"),
            record(FcgiRecord.VERSION, 77, 0, counting(20), 4),
            record(FcgiRecord.VERSION, FcgiRecordType.STDOUT.code, 1, counting(100), 4),
            hex("01 03 00 01 00 08 00 00  00 00 00 00 00 00 00 00"));
    }

    /** A short request, to cut at every byte. */
    private static byte[] shortConversation() {
        return concat(
            hex("01 01 00 01 00 08 00 00  00 01 00 00 00 00 00 00"),
            record(FcgiRecord.VERSION, FcgiRecordType.PARAMS.code, 1, hex("0b 01 52 45 51 55 45 53 54 5f 55 52 49 2f"), 2),
            hex("01 04 00 01 00 00 00 00"),
            record(FcgiRecord.VERSION, FcgiRecordType.STDIN.code, 1, counting(21), 11),
            hex("01 05 00 01 00 00 00 00"));
    }

    /** Each record, or how decoding ended. */
    private static String outcome(InputStream in) {
        try {
            return describe(decodeAll(in)).toString();
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static List<String> describe(List<FcgiRecord> records) {
        return records.stream().map(r -> r.type() + "/" + r.requestId() + "/" + Arrays.hashCode(r.content()) + "/" + r.content().length).toList();
    }

    private static boolean fixedBody(FcgiRecordType type) {
        return type == FcgiRecordType.BEGIN_REQUEST || type == FcgiRecordType.END_REQUEST || type == FcgiRecordType.UNKNOWN_TYPE;
    }

    /** The one record in {@code bytes}, fed whole and byte by byte. */
    private static FcgiRecord single(byte[] bytes) throws IOException {
        List<FcgiRecord> whole = decodeAll(bytes);
        List<FcgiRecord> bytewise = decodeAll(PieceInput.pieces(bytes, 1));
        assertThat(whole).hasSize(1);
        assertThat(describe(bytewise)).isEqualTo(describe(whole));
        return whole.get(0);
    }

    private static void assertRejected(byte[] bytes, String message) {
        for (InputStream in : List.of(PieceInput.whole(bytes), PieceInput.pieces(bytes, 1))) {
            assertThatThrownBy(() -> decodeAll(in)).isInstanceOf(FcgiException.class).hasMessageContaining(message);
        }
    }
}
