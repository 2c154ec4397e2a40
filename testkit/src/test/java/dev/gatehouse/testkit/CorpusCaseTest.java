package dev.gatehouse.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CorpusCaseTest {
    @Test
    void parsesHeaderDirectivesAndData() {
        CorpusCase c = CorpusCase.parse("pair", """
                # Two requests,
                # pipelined.
                # expect: 200 204 keep-alive
                # expect-body: GET /a
                # expect-body: GET /b x\\x20
                GET /a HTTP/1.1\\r\\n
                # not a comment once data started\\r\\n

                \\r\\n
                """);
        assertThat(c.description()).isEqualTo("Two requests, pipelined.");
        assertThat(c.expectedStatuses()).containsExactly(200, 204);
        assertThat(c.expectClose()).isFalse();
        assertThat(c.expectedBodies()).extracting(b -> new String(b, StandardCharsets.US_ASCII)).containsExactly("GET /a", "GET /b x ");
        assertThat(new String(c.bytes(), StandardCharsets.US_ASCII)).isEqualTo("GET /a HTTP/1.1\r\n# not a comment once data started\r\n\r\n");
    }

    @Test
    void closeExpectation() {
        CorpusCase c = CorpusCase.parse("bad", "# expect: 400 close\nGET\\r\\n\n");
        assertThat(c.expectClose()).isTrue();
        assertThat(c.expectedStatuses()).containsExactly(400);
    }

    @Test
    void rejectsCasesWithoutAnExpectation() {
        assertThatThrownBy(() -> CorpusCase.parse("none", "# nothing\nGET / HTTP/1.1\\r\\n\n"))
                .hasMessageContaining("expect");
        assertThatThrownBy(() -> CorpusCase.parse("word", "# expect: 400 maybe\nGET\n")).hasMessageContaining("close or keep-alive");
    }

    @Test
    void rejectsBodiesThatDoNotMatchTheResponses() {
        assertThatThrownBy(() -> CorpusCase.parse("b", "# expect: 200 200 keep-alive\n# expect-body: x\nGET\n"))
                .hasMessageContaining("every expected response");
    }
}
