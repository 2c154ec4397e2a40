package dev.gatehouse.uwsgi.codec;

import dev.gatehouse.testkit.PieceInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class UwsgiPacketHeaderTest {
    @Test
    void encodesDatasizeLittleEndianBetweenTheModifiers() {
        assertThat(new UwsgiPacketHeader(0, 0x1234, 0).encode()).containsExactly(0x00, 0x34, 0x12, 0x00);
        assertThat(new UwsgiPacketHeader(30, 65535, 7).encode()).containsExactly(30, 0xFF, 0xFF, 7);
        assertThat(new UwsgiPacketHeader(255, 1, 255).encode()).containsExactly(0xFF, 0x01, 0x00, 0xFF);
    }

    @Test
    void decodesWhatItEncodes() {
        byte[] b = {9, 9, 72, 0x10, 0x27, 5};
        assertThat(UwsgiPacketHeader.decode(b, 2)).isEqualTo(new UwsgiPacketHeader(72, 10_000, 5));
    }

    @Test
    void readReturnsNullOnACleanEndAndRejectsACutHeader() throws IOException {
        assertThat(UwsgiPacketHeader.read(PieceInput.whole(new byte[0]))).isNull();
        assertThat(UwsgiPacketHeader.read(PieceInput.pieces(new byte[] {0, 5, 0, 0}, 1))).isEqualTo(new UwsgiPacketHeader(0, 5, 0));
        assertThatThrownBy(() -> UwsgiPacketHeader.read(PieceInput.whole(new byte[] {0, 5, 0})))
                .isInstanceOf(UwsgiException.class).hasMessageContaining("3 of 4 bytes")
                .satisfies(e -> assertThat(((UwsgiException) e).status()).isEqualTo(400));
    }

    @Test
    void rejectsFieldsOutOfRange() {
        assertThatThrownBy(() -> new UwsgiPacketHeader(0, 65536, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 KiB");
        assertThatThrownBy(() -> new UwsgiPacketHeader(256, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UwsgiPacketHeader(0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesItsModifier() {
        assertThat(new UwsgiPacketHeader(0, 0, 0).modifier()).isEqualTo(UwsgiModifier.WSGI);
        assertThat(new UwsgiPacketHeader(4, 0, 0).modifier()).isNull();
    }
}
