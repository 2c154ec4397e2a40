package dev.gatehouse.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {
    @ParameterizedTest
    @CsvSource({"0, 0, 0", "512, 512, 512", "64k, 65536, 64k", "10M, 10485760, 10m", "1g, 1073741824, 1g",
            "1024, 1024, 1k", "1536k, 1572864, 1536k"})
    void readsBytesAndBinaryUnits(String text, long bytes, String shortest) {
        ByteSize size = ByteSize.parse(text);
        assertThat(size.bytes()).isEqualTo(bytes);
        assertThat(size).hasToString(shortest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10x", "-1", "+5", "1.5g", "10 m", "1kb", "\u0661\u0662"})
    void refusesWhatIsNotASize(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).hasMessageContaining("is not a size");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775807k", "99999999999999999999"})
    void refusesSizesThatOverflow(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
