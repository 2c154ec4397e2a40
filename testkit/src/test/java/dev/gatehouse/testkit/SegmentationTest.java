package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SegmentationTest {
    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: x\r\n\r\nbody without a line end".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @EnumSource(Segmentation.class)
    void piecesJoinBackToTheInput(Segmentation segmentation) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        List<byte[]> pieces = segmentation.split(REQUEST, 42);
        pieces.forEach(joined::writeBytes);
        assertThat(joined.toByteArray()).isEqualTo(REQUEST);
        assertThat(pieces).allMatch(p -> p.length > 0);
    }

    @Test
    void lineByLineCutsAfterEachLf() {
        assertThat(Segmentation.LINE_BY_LINE.split(REQUEST, 0)).extracting(p -> new String(p, StandardCharsets.US_ASCII))
                .containsExactly("GET / HTTP/1.1\r\n", "Host: x\r\n", "\r\n", "body without a line end");
    }

    @Test
    void byteByByteMakesOnePiecePerByte() {
        assertThat(Segmentation.BYTE_BY_BYTE.split(REQUEST, 0)).hasSize(REQUEST.length);
    }

    @Test
    void randomPiecesAreReproducibleFromTheSeed() {
        List<byte[]> first = Segmentation.RANDOM_PIECES.split(REQUEST, 7);
        List<byte[]> again = Segmentation.RANDOM_PIECES.split(REQUEST, 7);
        assertThat(again).usingElementComparator(java.util.Arrays::compare).isEqualTo(first);
        assertThat(first.size()).isGreaterThan(1);
    }
}
