package dev.gatehouse.scgi.codec;

import dev.gatehouse.testkit.PieceInput;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the client side encodes, the server side decodes back, however the bytes arrive: whole, one
 * byte per read, or in random pieces; and the decoder never reads into the body.
 */
class ScgiRoundTripTest {
    private static final int MAX = 64 * 1024;

    static Stream<Arguments> feeds() {
        return Stream.of(
            Arguments.of("whole", (Function<byte[], InputStream>) PieceInput::whole),
            Arguments.of("byte by byte", (Function<byte[], InputStream>) b -> PieceInput.pieces(b, 1)),
            Arguments.of("random pieces", (Function<byte[], InputStream>) b -> PieceInput.random(b, 42, 97)));
    }

    /** Variables as nginx's scgi_params give them, plus a long value and every byte but NUL. */
    static Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("REQUEST_METHOD", "POST");
        vars.put("REQUEST_URI", "/caf%C3%A9/a%20b?x=1&y=%41");
        vars.put("QUERY_STRING", "x=1&y=%41");
        vars.put("CONTENT_TYPE", "");
        vars.put("DOCUMENT_URI", "/caf\u00c3\u00a9/a b");
        vars.put("SERVER_PROTOCOL", "HTTP/1.1");
        vars.put("REMOTE_ADDR", "127.0.0.1");
        vars.put("HTTP_COOKIE", "a".repeat(20_000));
        StringBuilder all = new StringBuilder();
        for (char c = 1; c <= 0xFF; c++) all.append(c);
        vars.put("HTTP_X_ALL_BYTES", all.toString());
        return vars;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void aRequestComesBackAsSentWithItsBodyAfterIt(String name, Function<byte[], InputStream> feed) throws IOException {
        Map<String, String> vars = variables();
        byte[] body = "the body, not part of the header: 12:x\u0000y\u0000,".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(ScgiRequestEncoder.encode(vars, body.length));
        wire.writeBytes(body);

        InputStream in = feed.apply(wire.toByteArray());
        SequencedMap<String, String> decoded = new ScgiRequestDecoder(MAX).decode(in);

        List<String> expectedOrder = new ArrayList<>(List.of("CONTENT_LENGTH", "SCGI"));
        expectedOrder.addAll(vars.keySet());
        assertThat(List.copyOf(decoded.keySet())).isEqualTo(expectedOrder);
        vars.forEach((k, v) -> assertThat(decoded.get(k)).as(k).isEqualTo(v));
        assertThat(ScgiRequestDecoder.contentLength(decoded)).isEqualTo(body.length);
        assertThat(in.readAllBytes()).as("exactly the body is left").isEqualTo(body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void headersBackToBackAreReadOneAtATime(String name, Function<byte[], InputStream> feed) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) wire.writeBytes(ScgiRequestEncoder.encode(Map.of("REQUEST_URI", "/" + i), 0));
        InputStream in = feed.apply(wire.toByteArray());
        ScgiRequestDecoder decoder = new ScgiRequestDecoder(MAX);
        for (int i = 0; i < 50; i++) assertThat(decoder.decode(in).get("REQUEST_URI")).isEqualTo("/" + i);
        assertThat(decoder.decode(in)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void aHeaderOfExactlyTheLimitIsAcceptedAndOneByteMoreIsNot(String name, Function<byte[], InputStream> feed) throws IOException {
        String filler = "x".repeat(1000);
        byte[] header = ScgiRequestEncoder.encode(Map.of("HTTP_X", filler), 0);
        String text = new String(header, java.nio.charset.StandardCharsets.ISO_8859_1);
        int length = Integer.parseInt(text.substring(0, text.indexOf(':')));
        assertThat(new ScgiRequestDecoder(length).decode(feed.apply(header))).containsEntry("HTTP_X", filler);
        ScgiRequestDecoder tooSmall = new ScgiRequestDecoder(length - 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tooSmall.decode(feed.apply(header)))
                .isInstanceOf(ScgiException.class).hasMessageContaining("over the limit");
    }
}
