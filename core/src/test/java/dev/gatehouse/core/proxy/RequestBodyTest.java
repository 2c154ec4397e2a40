package dev.gatehouse.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.core.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aSizedBodyStreamsFromTheInput() throws Exception {
        var env = TestRequests.post("/", bytes("hello"));
        RequestBody body = RequestBody.of(env, 1, "SCGI");
        assertThat(body.length()).isEqualTo(5);
        assertThat(body.stream()).isSameAs(env.input());
    }

    @Test
    void anUnsizedBodyIsBufferedToLearnItsLength() throws Exception {
        RequestBody body = RequestBody.of(TestRequests.chunked("/", bytes("abc")), 3, "SCGI");
        assertThat(body.length()).isEqualTo(3);
        assertThat(body.stream().readAllBytes()).isEqualTo(bytes("abc"));
    }

    @Test
    void anUnsizedBodyOverTheLimitIs413NamingTheProtocol() {
        assertThatThrownBy(() -> RequestBody.of(TestRequests.chunked("/", bytes("abcd")), 3, "uwsgi"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("larger than 3 bytes").hasMessageContaining("uwsgi backend")
                .satisfies(e -> assertThat(((ProtocolException) e).status()).isEqualTo(413));
    }

    @Test
    void noBodyHasNoLength() throws Exception {
        assertThat(RequestBody.of(TestRequests.get("/"), 3, "SCGI").length()).isEqualTo(-1);
        assertThat(RequestBody.of(TestRequests.chunked("/", new byte[0]), 3, "SCGI").length()).isEqualTo(-1);
        assertThat(RequestBody.of(TestRequests.get("/").put(EnvironKeys.INPUT_TERMINATED, Boolean.FALSE), 3, "SCGI").length()).isEqualTo(-1);
    }
}
