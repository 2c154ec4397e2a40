package dev.gatehouse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {
    private static String json(String s) {
        return Json.appendString(new StringBuilder(), s).toString();
    }

    @Test
    void quotesPlainText() {
        assertThat(json("abc é €")).isEqualTo("\"abc é €\"");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(json("\"\\\n\r\t\b\f\u0000\u001f\u007f")).isEqualTo("\"\\\"\\\\\\n\\r\\t\\b\\f\\u0000\\u001f\u007f\"");
    }

    @Test
    void escapesLoneSurrogatesButKeepsPairs() {
        assertThat(json("\ud83d\ude00")).isEqualTo("\"\ud83d\ude00\"");
        assertThat(json("a\ud83db")).isEqualTo("\"a\\ud83db\"");
        assertThat(json("\ude00")).isEqualTo("\"\\ude00\"");
    }
}
