package dev.gatehouse.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathCodecTest {
    @Test
    void leavesAPathWithoutEscapesAlone() {
        String path = "/a/b.html";
        assertThat(PathCodec.decode(path)).isSameAs(path);
    }

    @Test
    void decodesEscapesInEitherCase() {
        assertThat(PathCodec.decode("/a%20b%2fc%2Fd")).isEqualTo("/a b/c/d");
    }

    @Test
    void keepsPlusAsPlus() {
        assertThat(PathCodec.decode("/a+b%2B")).isEqualTo("/a+b+");
    }

    @Test
    void decodesToBytesAsLatin1Characters() {
        assertThat(PathCodec.decode("/caf%C3%A9")).isEqualTo("/caf\u00c3\u00a9");
        assertThat(PathCodec.decode("/%00%ff")).isEqualTo("/\u0000\u00ff");
    }

    @Test
    void passesRawNonAsciiCharactersThrough() {
        assertThat(PathCodec.decode("/caf\u00e9%20x")).isEqualTo("/caf\u00e9 x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "/a%", "/a%4", "/%zz", "/%G0", "/%0G", "/%%41", "/% 1",
            "/%\u0661\u0661", "/%\uff11\uff11", "/%\uff21\uff21"})
    void rejectsMalformedEscapes(String raw) {
        assertThat(PathCodec.decode(raw)).isNull();
    }

    @Test
    void leavesSafeCharactersUnencoded() {
        String path = "/a-b._~!$&'()*+,;=:@/Z9";
        assertThat(PathCodec.encode(path)).isSameAs(path);
    }

    @Test
    void encodesEverythingElseAsUpperCaseEscapes() {
        assertThat(PathCodec.encode("/a b%?#\"")).isEqualTo("/a%20b%25%3F%23%22");
        assertThat(PathCodec.encode("/caf\u00c3\u00a9")).isEqualTo("/caf%C3%A9");
        assertThat(PathCodec.encode("\u0000\u007f\u00ff")).isEqualTo("%00%7F%FF");
    }

    @Test
    void roundTripsEveryByte() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 256; c++) all.append(c);
        String bytes = all.toString();

        assertThat(PathCodec.decode(PathCodec.encode(bytes))).isEqualTo(bytes);
    }
}
