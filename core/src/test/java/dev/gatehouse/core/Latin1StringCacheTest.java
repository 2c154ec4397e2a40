package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Latin1StringCacheTest {
    private final Latin1StringCache cache = new Latin1StringCache();

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theSameBytesGiveTheSameStringWhereverTheyLie() {
        byte[] first = latin1("\0REQUEST_METHOD\0GET\0");
        byte[] second = latin1("xyREQUEST_METHOD");
        String name = cache.get(first, 1, 14);
        assertThat(name).isEqualTo("REQUEST_METHOD");
        assertThat(cache.get(second, 2, 14)).isSameAs(name);
        assertThat(cache.get(first, 16, 3)).isEqualTo("GET");
    }

    @Test
    void differentBytesNeverGetAnEarlierString() {
        for (int i = 0; i < 5000; i++) {
            String s = "/item/" + i;
            assertThat(cache.get(latin1(s), 0, s.length())).isEqualTo(s);
        }
        assertThat(cache.get(latin1("/item/1"), 0, 7)).isEqualTo("/item/1");
    }

    @Test
    void everyByteIsOneCharAndLongAndEmptyRangesWork() {
        byte[] bytes = {(byte) 0xC3, (byte) 0xA9, (byte) 0xFF, 0x41};
        assertThat(cache.get(bytes, 0, 4)).isEqualTo("\u00c3\u00a9\u00ffA");
        String cookie = "a=".repeat(500);
        assertThat(cache.get(latin1(cookie), 0, cookie.length())).isEqualTo(cookie);
        assertThat(cache.get(bytes, 2, 0)).isEmpty();
    }
}
