package dev.gatehouse.uwsgi.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UwsgiRequestEncoderTest {
    @Test
    void writesTheGoldenBytesOfAWsgiRequest() throws UwsgiException {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("REQUEST_METHOD", "GET");
        vars.put("QUERY_STRING", "");
        byte[] expected = {
            0, 37, 0, 0, // 2 + 14 + 2 + 3 and 2 + 12 + 2 + 0 bytes of vars
            14, 0, 'R', 'E', 'Q', 'U', 'E', 'S', 'T', '_', 'M', 'E', 'T', 'H', 'O', 'D', 3, 0, 'G', 'E', 'T',
            12, 0, 'Q', 'U', 'E', 'R', 'Y', '_', 'S', 'T', 'R', 'I', 'N', 'G', 0, 0};
        assertThat(UwsgiRequestEncoder.encode(vars)).containsExactly(expected);
    }

    @Test
    void writesTheModifiersAsked() throws UwsgiException {
        assertThat(UwsgiRequestEncoder.encode(Map.of("A", "b"), 30, 1)).startsWith(30, 6, 0, 1);
    }

    @Test
    void valuesAreWrittenByteForByte() throws UwsgiException {
        byte[] out = UwsgiRequestEncoder.encode(Map.of("K", "\u00e9\u00ff\u0000"));
        assertThat(out).endsWith(3, 0, 0xE9, 0xFF, 0);
    }

    @Test
    void aBlockOfExactly65535BytesFits() throws UwsgiException {
        String value = "v".repeat(65535 - 4 - 1);
        byte[] out = UwsgiRequestEncoder.encode(Map.of("K", value));
        assertThat(out).hasSize(4 + 65535);
        assertThat(UwsgiPacketHeader.decode(out, 0).datasize()).isEqualTo(65535);
    }

    @Test
    void aBlockOverTheFormatsLimitIsRefusedNamingIt() {
        Map<String, String> vars = Map.of("K", "v".repeat(65535 - 4));
        assertThatThrownBy(() -> UwsgiRequestEncoder.encode(vars)).isInstanceOf(UwsgiException.class)
                .hasMessageContaining("65536 bytes").hasMessageContaining("64 KiB limit of the uwsgi format")
                .satisfies(e -> assertThat(((UwsgiException) e).status()).isEqualTo(431));
    }

    @Test
    void refusesWhatTheFormatCannotCarry() {
        assertThatThrownBy(() -> UwsgiRequestEncoder.encode(Map.of("", "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-empty key");
        assertThatThrownBy(() -> UwsgiRequestEncoder.encode(Map.of("K", "\u20ac"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISO-8859-1");
    }
}
