package dev.gatehouse.fastcgi.codec;

import static dev.gatehouse.fastcgi.codec.Wire.counting;
import static dev.gatehouse.fastcgi.codec.Wire.hex;
import static dev.gatehouse.fastcgi.codec.Wire.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Golden bytes for every record the encoder writes (FastCGI 1.0, sections 3.3, 4, 5 and 8). */
class FcgiRecordEncoderTest {

    @ParameterizedTest
    @CsvSource({
        "RESPONDER,  true,  01 01 00 01 00 08 00 00  00 01 01 00 00 00 00 00",
        "RESPONDER,  false, 01 01 00 01 00 08 00 00  00 01 00 00 00 00 00 00",
        "AUTHORIZER, true,  01 01 00 01 00 08 00 00  00 02 01 00 00 00 00 00",
        "AUTHORIZER, false, 01 01 00 01 00 08 00 00  00 02 00 00 00 00 00 00",
        "FILTER,     true,  01 01 00 01 00 08 00 00  00 03 01 00 00 00 00 00",
        "FILTER,     false, 01 01 00 01 00 08 00 00  00 03 00 00 00 00 00 00"})
    void writesBeginRequestWithRoleAndKeepConnFlag(FcgiRole role, boolean keepConn, String golden) throws IOException {
        assertGolden(written(out -> FcgiRecordEncoder.beginRequest(out, 1, role, keepConn)), golden);
    }

    @Test
    void writesRequestIdBigEndian() throws IOException {
        assertGolden(written(out -> FcgiRecordEncoder.beginRequest(out, 0xBEEF, FcgiRole.RESPONDER, false)),
            "01 01 be ef 00 08 00 00  00 01 00 00 00 00 00 00");
        assertGolden(written(out -> FcgiRecordEncoder.abortRequest(out, 0xFFFF)), "01 02 ff ff 00 00 00 00");
    }

    @ParameterizedTest
    @CsvSource({
        "REQUEST_COMPLETE, 0,          01 03 00 07 00 08 00 00  00 00 00 00 00 00 00 00",
        "CANT_MPX_CONN,    0,          01 03 00 07 00 08 00 00  00 00 00 00 01 00 00 00",
        "OVERLOADED,       0,          01 03 00 07 00 08 00 00  00 00 00 00 02 00 00 00",
        "UNKNOWN_ROLE,     0,          01 03 00 07 00 08 00 00  00 00 00 00 03 00 00 00",
        "REQUEST_COMPLETE, 16909060,   01 03 00 07 00 08 00 00  01 02 03 04 00 00 00 00",
        "REQUEST_COMPLETE, -1,         01 03 00 07 00 08 00 00  ff ff ff ff 00 00 00 00",
        "REQUEST_COMPLETE, 2147483647, 01 03 00 07 00 08 00 00  7f ff ff ff 00 00 00 00"})
    void writesEndRequestWithAppAndProtocolStatus(FcgiProtocolStatus status, int appStatus, String golden) throws IOException {
        assertGolden(written(out -> FcgiRecordEncoder.endRequest(out, 7, appStatus, status)), golden);
    }

    @Test
    void writesAbortRequestWithoutBody() throws IOException {
        assertGolden(written(out -> FcgiRecordEncoder.abortRequest(out, 1)), "01 02 00 01 00 00 00 00");
    }

    @ParameterizedTest
    @CsvSource({
        "PARAMS, 04", "STDIN, 05", "STDOUT, 06", "STDERR, 07", "DATA, 08"})
    void padsStreamRecordContentToAMultipleOfEight(FcgiRecordType type, String code) throws IOException {
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        assertGolden(written(out -> FcgiRecordEncoder.write(out, type, 1, hello, 0, hello.length)),
            "01 " + code + " 00 01 00 05 03 00  68 65 6c 6c 6f 00 00 00");
    }

    @ParameterizedTest
    @CsvSource({
        "1, 7", "2, 6", "7, 1", "8, 0", "9, 7", "15, 1", "16, 0", "255, 1", "256, 0"})
    void choosesThePaddingThatCompletesTheLastEightByteBlock(int length, int padding) throws IOException {
        byte[] content = counting(length);
        byte[] bytes = written(out -> FcgiRecordEncoder.write(out, FcgiRecordType.STDOUT, 1, content, 0, length));
        assertThat(bytes).hasSize(8 + length + padding);
        assertThat(bytes[4] & 0xFF).isEqualTo(length >> 8);
        assertThat(bytes[5] & 0xFF).isEqualTo(length & 0xFF);
        assertThat(bytes[6] & 0xFF).isEqualTo(padding);
        assertThat(Arrays.copyOfRange(bytes, 8, 8 + length)).isEqualTo(content);
        assertThat(Arrays.copyOfRange(bytes, 8 + length, bytes.length)).isEqualTo(new byte[padding]);
    }

    @Test
    void writesTheSliceItIsGiven() throws IOException {
        byte[] content = "xxhiyy".getBytes(StandardCharsets.US_ASCII);
        assertGolden(written(out -> FcgiRecordEncoder.write(out, FcgiRecordType.STDERR, 3, content, 2, 2)),
            "01 07 00 03 00 02 06 00  68 69 00 00 00 00 00 00");
    }

    @ParameterizedTest
    @EnumSource(value = FcgiRecordType.class, names = {"PARAMS", "STDIN", "STDOUT", "STDERR", "DATA"})
    void endsAStreamWithAnEmptyRecord(FcgiRecordType type) throws IOException {
        String golden = "01 0" + type.code + " 00 01 00 00 00 00";
        assertGolden(written(out -> FcgiRecordEncoder.endStream(out, type, 1)), golden);
        assertGolden(written(out -> FcgiRecordEncoder.write(out, type, 1, new byte[0], 0, 0)), golden);
    }

    @Test
    void keepsContentOfExactlyTheMaximumInOneRecord() throws IOException {
        byte[] content = counting(65535);
        byte[] bytes = written(out -> FcgiRecordEncoder.write(out, FcgiRecordType.STDOUT, 1, content, 0, content.length));
        assertGolden(Arrays.copyOf(bytes, 8), "01 06 00 01 ff ff 01 00");
        assertThat(bytes).hasSize(8 + 65535 + 1);
    }

    @Test
    void splitsContentOverTheMaximumIntoSeveralRecords() throws IOException {
        byte[] content = counting(2 * 65535 + 10);
        byte[] bytes = written(out -> FcgiRecordEncoder.write(out, FcgiRecordType.STDIN, 2, content, 0, content.length));

        int second = 8 + 65535 + 1;
        int third = second + 8 + 65535 + 1;
        assertGolden(Arrays.copyOfRange(bytes, 0, 8), "01 05 00 02 ff ff 01 00");
        assertGolden(Arrays.copyOfRange(bytes, second, second + 8), "01 05 00 02 ff ff 01 00");
        assertGolden(Arrays.copyOfRange(bytes, third, third + 8), "01 05 00 02 00 0a 06 00");
        assertThat(bytes).hasSize(third + 8 + 10 + 6);
        assertThat(Wire.concat(Arrays.copyOfRange(bytes, 8, 8 + 65535),
                Arrays.copyOfRange(bytes, second + 8, second + 8 + 65535),
                Arrays.copyOfRange(bytes, third + 8, third + 8 + 10)))
            .isEqualTo(content);
    }

    @Test
    void splitsOneByteOverTheMaximumIntoARecordOfOneByte() throws IOException {
        byte[] content = counting(65536);
        byte[] bytes = written(out -> FcgiRecordEncoder.write(out, FcgiRecordType.DATA, 1, content, 0, content.length));
        int second = 8 + 65535 + 1;
        assertGolden(Arrays.copyOfRange(bytes, second, bytes.length), "01 08 00 01 00 01 07 00  ff 00 00 00 00 00 00 00");
    }

    @Test
    void writesUnknownTypeOnRequestIdZeroNamingTheType() throws IOException {
        assertGolden(written(out -> FcgiRecordEncoder.unknownType(out, 42)), "01 0b 00 00 00 08 00 00  2a 00 00 00 00 00 00 00");
        assertGolden(written(out -> FcgiRecordEncoder.unknownType(out, 255)), "01 0b 00 00 00 08 00 00  ff 00 00 00 00 00 00 00");
    }

    @Test
    void writesGetValuesAsNamesWithEmptyValues() throws IOException {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("FCGI_MAX_CONNS", "");
        names.put("FCGI_MAX_REQS", "");
        names.put("FCGI_MPXS_CONNS", "");
        assertGolden(written(out -> FcgiRecordEncoder.values(out, FcgiRecordType.GET_VALUES, names)),
            "01 09 00 00 00 30 00 00"
                + " 0e 00 46 43 47 49 5f 4d 41 58 5f 43 4f 4e 4e 53" // FCGI_MAX_CONNS
                + " 0d 00 46 43 47 49 5f 4d 41 58 5f 52 45 51 53" // FCGI_MAX_REQS
                + " 0f 00 46 43 47 49 5f 4d 50 58 53 5f 43 4f 4e 4e 53"); // FCGI_MPXS_CONNS
    }

    @Test
    void writesGetValuesResultWithValuesAndPadding() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("FCGI_MAX_CONNS", "10");
        values.put("FCGI_MAX_REQS", "50");
        values.put("FCGI_MPXS_CONNS", "1");
        assertGolden(written(out -> FcgiRecordEncoder.values(out, FcgiRecordType.GET_VALUES_RESULT, values)),
            "01 0a 00 00 00 35 03 00"
                + " 0e 02 46 43 47 49 5f 4d 41 58 5f 43 4f 4e 4e 53 31 30" // FCGI_MAX_CONNS=10
                + " 0d 02 46 43 47 49 5f 4d 41 58 5f 52 45 51 53 35 30" // FCGI_MAX_REQS=50
                + " 0f 01 46 43 47 49 5f 4d 50 58 53 5f 43 4f 4e 4e 53 31" // FCGI_MPXS_CONNS=1
                + " 00 00 00");
    }

    @Test
    void writesEmptyGetValuesResult() throws IOException {
        assertGolden(written(out -> FcgiRecordEncoder.values(out, FcgiRecordType.GET_VALUES_RESULT, Map.of())),
            "01 0a 00 00 00 00 00 00");
    }

    @Test
    void refusesValuesThatDoNotFitInOneRecord() {
        Map<String, String> values = Map.of("FCGI_MAX_CONNS", "9".repeat(FcgiRecord.MAX_CONTENT));
        assertThatThrownBy(() -> written(out -> FcgiRecordEncoder.values(out, FcgiRecordType.GET_VALUES_RESULT, values)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertGolden(byte[] actual, String golden) {
        assertThat(hex(actual)).isEqualTo(hex(hex(golden)));
    }
}
