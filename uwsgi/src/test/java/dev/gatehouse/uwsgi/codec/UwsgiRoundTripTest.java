package dev.gatehouse.uwsgi.codec;

import dev.gatehouse.testkit.PieceInput;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the client side encodes, the server side reads back, however the bytes arrive: whole, one byte per read, random pieces. */
class UwsgiRoundTripTest {
    static Stream<Arguments> feeds() {
        return Stream.of(
            Arguments.of("whole", (Function<byte[], InputStream>) PieceInput::whole),
            Arguments.of("byte by byte", (Function<byte[], InputStream>) b -> PieceInput.pieces(b, 1)),
            Arguments.of("random pieces", (Function<byte[], InputStream>) b -> PieceInput.random(b, 42, 97)));
    }

    private static Map<String, String> vars() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("REQUEST_METHOD", "POST");
        v.put("PATH_INFO", "/caf\u00e9/a b");
        v.put("QUERY_STRING", "");
        v.put("CONTENT_LENGTH", "4");
        v.put("HTTP_X_BIG", "y".repeat(40_000));
        v.put("HTTP_X_BYTES", "\u0000\u0001\u007f\u0080\u00ff");
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void aRequestComesBackAsSentAndTheBodyIsLeftUnread(String name, Function<byte[], InputStream> feed) throws IOException {
        byte[] head = UwsgiRequestEncoder.encode(vars());
        byte[] wire = Bytes.of().raw(head).text("body").bytes();
        InputStream in = feed.apply(wire);

        UwsgiPacketHeader header = UwsgiPacketHeader.read(in);
        Map<String, String> back = UwsgiVarsDecoder.withDefaults().read(in, header);

        assertThat(header).isEqualTo(new UwsgiPacketHeader(0, head.length - 4, 0));
        assertThat(back).containsExactlyEntriesOf(vars());
        assertThat(in.readAllBytes()).containsExactly('b', 'o', 'd', 'y');
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void aBlockOfTheFormatsMaximumComesBack(String name, Function<byte[], InputStream> feed) throws IOException {
        Map<String, String> v = Map.of("K", "z".repeat(65535 - 5));
        InputStream in = feed.apply(UwsgiRequestEncoder.encode(v, 30, 0));
        UwsgiPacketHeader header = UwsgiPacketHeader.read(in);
        assertThat(header.modifier()).isEqualTo(UwsgiModifier.WSGI_MANAGED_SCRIPT_NAME);
        assertThat(UwsgiVarsDecoder.withDefaults().read(in, header)).isEqualTo(v);
        assertThat(UwsgiPacketHeader.read(in)).isNull();
    }
}
