package dev.gatehouse.scgi.codec;

import static dev.gatehouse.scgi.codec.ScgiRequestDecoderTest.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The header encoder on golden bytes. */
class ScgiRequestEncoderTest {

    @Test
    void writesTheSpecExampleByteForByte() throws ScgiException {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("REQUEST_METHOD", "POST");
        vars.put("REQUEST_URI", "/deepthought");
        assertThat(ScgiRequestEncoder.encode(vars, 27))
                .isEqualTo(wire("70:CONTENT_LENGTH\u000027\u0000SCGI\u00001\u0000REQUEST_METHOD\u0000POST\u0000REQUEST_URI\u0000/deepthought\u0000,"));
    }

    @Test
    void writesContentLengthAndScgiFirstWhateverTheMapSays() throws ScgiException {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("QUERY_STRING", "");
        vars.put("SCGI", "7");
        vars.put("CONTENT_LENGTH", "999");
        assertThat(ScgiRequestEncoder.encode(vars, 0))
                .isEqualTo(wire("38:CONTENT_LENGTH\u00000\u0000SCGI\u00001\u0000QUERY_STRING\u0000\u0000,"));
    }

    @Test
    void writesEachCharAsOneLatin1Byte() throws ScgiException {
        byte[] bytes = ScgiRequestEncoder.encode(Map.of("PATH_INFO", "/caf\u00c3\u00a9\u00ff"), 0);
        assertThat(bytes).endsWith(0x2F, 0x63, 0x61, 0x66, 0xC3, 0xA9, 0xFF, 0x00, ',');
    }

    @Test
    void refusesNulInANameOrAValue() {
        assertThatThrownBy(() -> ScgiRequestEncoder.encode(Map.of("PATH_INFO", "/a\u0000b"), 0))
                .isInstanceOf(ScgiException.class).hasMessageContaining("value of SCGI variable PATH_INFO contains NUL")
                .satisfies(e -> assertThat(((ScgiException) e).status()).isEqualTo(400));
        assertThatThrownBy(() -> ScgiRequestEncoder.encode(Map.of("HTTP_X\u0000Y", "v"), 0))
                .isInstanceOf(ScgiException.class).hasMessageContaining("name of SCGI variable HTTP_X\\u0000Y contains NUL");
    }

    @Test
    void refusesAnEmptyNameAndCharsAboveLatin1() {
        assertThatThrownBy(() -> ScgiRequestEncoder.encode(Map.of("", "v"), 0)).isInstanceOf(ScgiException.class)
                .hasMessageContaining("empty name");
        assertThatThrownBy(() -> ScgiRequestEncoder.encode(Map.of("PATH_INFO", "/\u2713"), 0)).isInstanceOf(ScgiException.class)
                .hasMessageContaining("above U+00FF");
    }

    @Test
    void refusesANegativeLength() {
        assertThatThrownBy(() -> ScgiRequestEncoder.encode(Map.of(), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
