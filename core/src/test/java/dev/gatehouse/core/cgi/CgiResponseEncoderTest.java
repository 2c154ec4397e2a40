package dev.gatehouse.core.cgi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.core.ResponseHead;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response heads gateways write, byte for byte. */
class CgiResponseEncoderTest {
    private static final List<Header> TEXT = List.of(Header.of("Content-Type", "text/plain; charset=utf-8"));

    private static String cgi(ResponseHead head) {
        return new String(CgiResponseEncoder.encodeHead(head), StandardCharsets.ISO_8859_1);
    }

    private static String statusLine(ResponseHead head, String protocol) {
        return new String(CgiResponseEncoder.encodeStatusLineHead(head, protocol), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aKnownLengthGoesOutAsContentLengthAfterTheAppsHeaders() {
        ResponseHead head = new ResponseHead(Status.of(200), TEXT, 14, false);
        assertThat(cgi(head)).isEqualTo("Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 14\r\n\r\n");
        assertThat(statusLine(head, "HTTP/1.1")).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 14\r\n\r\n");
    }

    @Test
    void theAppsOwnContentLengthIsNotRepeatedAndAnUnknownLengthIsLeftOut() {
        ResponseHead own = new ResponseHead(Status.of(200), List.of(Header.of("content-length", "3")), 3, false);
        assertThat(cgi(own)).isEqualTo("Status: 200 OK\r\ncontent-length: 3\r\n\r\n");
        ResponseHead unknown = new ResponseHead(Status.of(200), TEXT, -1, false);
        assertThat(cgi(unknown)).isEqualTo("Status: 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
    }

    @Test
    void aStatusWithoutBodyGetsNoContentLengthAndAnEmptyReasonNoSpace() {
        assertThat(cgi(new ResponseHead(Status.of(304), List.of(), 0, true))).isEqualTo("Status: 304 Not Modified\r\n\r\n");
        assertThat(cgi(new ResponseHead(new Status(299, ""), List.of(), 0, false))).isEqualTo("Status: 299\r\nContent-Length: 0\r\n\r\n");
        assertThat(cgi(new ResponseHead(new Status(599, "Own Reason"), List.of(), -1, false))).isEqualTo("Status: 599 Own Reason\r\n\r\n");
    }

    @Test
    void theStatusLineKeepsHttp10AndWritesHttp11ForAnythingElse() {
        ResponseHead head = new ResponseHead(Status.of(404), List.of(), -1, false);
        assertThat(statusLine(head, "HTTP/1.0")).isEqualTo("HTTP/1.0 404 Not Found\r\n\r\n");
        assertThat(statusLine(head, "HTTP/2.0")).isEqualTo("HTTP/1.1 404 Not Found\r\n\r\n");
        assertThat(statusLine(head, null)).isEqualTo("HTTP/1.1 404 Not Found\r\n\r\n");
    }

    @Test
    void latin1BytesPassAsTheyAreAndWiderCharsBecomeQuestionMarks() {
        ResponseHead head = new ResponseHead(new Status(200, "Gr\u00fc\u00dfe \u20ac"), List.of(Header.of("X-Name", "caf\u00e9")), -1, false);
        byte[] bytes = CgiResponseEncoder.encodeHead(head);
        assertThat(bytes).isEqualTo("Status: 200 Gr\u00fc\u00dfe ?\r\nX-Name: caf\u00e9\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
}
