package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EscapedBytesTest {
    @Test
    void decodesEscapesToTheirBytes() {
        assertThat(EscapedBytes.decode("a\\r\\n\\t\\\\\\x00\\xff")).containsExactly('a', '\r', '\n', '\t', '\\', 0x00, 0xFF);
    }

    @Test
    void decodesOtherCharactersAsUtf8() {
        assertThat(EscapedBytes.decode("é")).isEqualTo("é".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void repeatsTextWithEscapes() {
        assertThat(new String(EscapedBytes.decode("<{{3*ab\\r\\n}}>"), StandardCharsets.US_ASCII)).isEqualTo("<ab\r\nab\r\nab\r\n>");
    }

    @Test
    void rejectsUnknownEscapesAndDanglingBackslashes() {
        assertThatThrownBy(() -> EscapedBytes.decode("\\q")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EscapedBytes.decode("abc\\")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodesToPrintableTextThatDecodesBack() {
        byte[] bytes = {'G', 'E', 'T', ' ', '\r', '\n', 0, (byte) 0x80, '\\', 0x7F};
        String text = EscapedBytes.encode(bytes);
        assertThat(text).isEqualTo("GET \\r\\n\\x00\\x80\\\\\\x7f");
        assertThat(EscapedBytes.decode(text)).isEqualTo(bytes);
    }

    @Test
    void abbreviatesLongInput() {
        assertThat(EscapedBytes.abbreviate(new byte[1000], 3)).isEqualTo("\\x00\\x00\\x00... (1000 bytes)");
    }
}
