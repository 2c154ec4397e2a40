package dev.gatehouse.core.cgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Header;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CgiResponseParserTest {
    private static final int MAX = 64 * 1024;

    private static CgiResponse parse(String head) throws CgiResponseException {
        return CgiResponseParser.parse(head.getBytes(StandardCharsets.ISO_8859_1), MAX, 100);
    }

    @Test
    void documentWithoutStatusIs200() throws Exception {
        CgiResponse r = parse("Content-Type: text/html\r\nX-Powered-By: PHP\r\n\r\n");
        assertThat(r.kind()).isEqualTo(CgiResponse.Kind.DOCUMENT);
        assertThat(r.status().code()).isEqualTo(200);
        assertThat(r.headers()).containsExactly(Header.of("Content-Type", "text/html"), Header.of("X-Powered-By", "PHP"));
    }

    @Test
    void statusFieldSetsTheStatusAndIsNotForwarded() throws Exception {
        CgiResponse r = parse("Status: 404 Not Here\r\nContent-Type: text/plain\r\n\r\n");
        assertThat(r.status().code()).isEqualTo(404);
        assertThat(r.status().reason()).isEqualTo("Not Here");
        assertThat(r.headers()).extracting(Header::name).containsExactly("Content-Type");
    }

    @Test
    void statusWithoutReasonGetsTheStandardOne() throws Exception {
        assertThat(parse("Status: 204\n\n").status().reason()).isEqualTo("No Content");
    }

    @Test
    void bareLfLineEndsAreAccepted() throws Exception {
        assertThat(parse("Content-Type: text/plain\n\n").headers()).containsExactly(Header.of("Content-Type", "text/plain"));
    }

    @Test
    void localPathLocationIsALocalRedirect() throws Exception {
        CgiResponse r = parse("Location: /other/page?x=1\r\n\r\n");
        assertThat(r.kind()).isEqualTo(CgiResponse.Kind.LOCAL_REDIRECT);
        assertThat(r.location()).isEqualTo("/other/page?x=1");
        assertThat(r.headers()).isEmpty();
    }

    @Test
    void localPathWithStatus200IsStillALocalRedirect() throws Exception {
        // what PHP sends for header("Location: /x", true, 200): no Status line, other fields dropped
        assertThat(parse("X-Powered-By: PHP\r\nLocation: /x\r\nContent-type: text/html\r\n\r\n").kind()).isEqualTo(CgiResponse.Kind.LOCAL_REDIRECT);
    }

    @Test
    void absoluteLocationIsAClientRedirectAnswered302() throws Exception {
        CgiResponse r = parse("Location: https://example.org/x\r\n\r\n");
        assertThat(r.kind()).isEqualTo(CgiResponse.Kind.CLIENT_REDIRECT);
        assertThat(r.status().code()).isEqualTo(302);
        assertThat(r.headers()).containsExactly(Header.of("Location", "https://example.org/x"));
    }

    @Test
    void locationWithAStatusIsPassedOnAsGiven() throws Exception {
        CgiResponse r = parse("Status: 301 Moved Permanently\r\nLocation: /new\r\nContent-Type: text/html\r\n\r\n");
        assertThat(r.kind()).isEqualTo(CgiResponse.Kind.DOCUMENT);
        assertThat(r.status().code()).isEqualTo(301);
        assertThat(Header.find(r.headers(), "Location")).isEqualTo("/new");
    }

    @Test
    void networkPathLocationIsNotLocal() {
        assertThatThrownBy(() -> parse("Location: //evil.example/x\r\n\r\n")).isInstanceOf(CgiResponseException.class)
                .hasMessageContaining("neither a local path nor an absolute URI");
    }

    @Test
    void hopByHopFieldsAreDropped() throws Exception {
        CgiResponse r = parse("Content-Type: text/plain\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertThat(r.headers()).extracting(Header::name).containsExactly("Content-Type");
    }

    @Test
    void valueWhitespaceIsStrippedButNotControls() throws Exception {
        assertThat(parse("Content-Type: \t text/plain \t\r\n\r\n").headers().get(0).value()).isEqualTo("text/plain");
        assertThatThrownBy(() -> parse("X-A: a\u0001b\r\n\r\n")).hasMessageContaining("control character");
    }

    @Test
    void rejectsMalformedHeads() {
        assertThatThrownBy(() -> parse("Content-Type : text/plain\r\n\r\n")).hasMessageContaining("not a token");
        assertThatThrownBy(() -> parse("Content-Type: text/plain\r\n folded\r\n\r\n")).hasMessageContaining("obs-fold");
        assertThatThrownBy(() -> parse("no colon here\r\n\r\n")).hasMessageContaining("not a field");
        assertThatThrownBy(() -> parse("X-A: a\rb\r\n\r\n")).hasMessageContaining("CR");
        assertThatThrownBy(() -> parse("Status: 2000 Big\r\n\r\n")).hasMessageContaining("three digits");
        assertThatThrownBy(() -> parse("Status: abc\r\n\r\n")).hasMessageContaining("three digits");
        assertThatThrownBy(() -> parse("Status: 101 Switching\r\n\r\n")).hasMessageContaining("not a final status");
        assertThatThrownBy(() -> parse("\r\nbody")).hasMessageContaining("no fields");
        assertThatThrownBy(() -> parse("Location: relative/path\r\n\r\n")).hasMessageContaining("neither");
    }

    @Test
    void rejectsRepeatedCgiFields() {
        assertThatThrownBy(() -> parse("Status: 200 OK\r\nStatus: 404 No\r\n\r\n")).hasMessageContaining("more than one Status");
        assertThatThrownBy(() -> parse("Location: /a\r\nLocation: /b\r\n\r\n")).hasMessageContaining("more than one Location");
        assertThatThrownBy(() -> parse("Content-Type: a/b\r\ncontent-type: c/d\r\n\r\n")).hasMessageContaining("more than one Content-Type");
    }

    @Test
    void boundsTheHeadSizeAndFieldCount() {
        String big = "X-Big: " + "a".repeat(200) + "\r\n\r\n";
        assertThatThrownBy(() -> CgiResponseParser.parse(big.getBytes(StandardCharsets.US_ASCII), 100, 100))
                .isInstanceOf(CgiResponseException.class).hasMessageContaining("larger than 100 bytes");
        String many = "X-A: 1\r\n".repeat(5) + "\r\n";
        assertThatThrownBy(() -> CgiResponseParser.parse(many.getBytes(StandardCharsets.US_ASCII), MAX, 4)).hasMessageContaining("more than 4 fields");
    }

    @Test
    void aMalformedHeadIsA502() {
        assertThatThrownBy(() -> parse("bad\r\n\r\n")).isInstanceOfSatisfying(CgiResponseException.class, e -> assertThat(e.status()).isEqualTo(502));
    }

    @Test
    void fedByteByByteReportsWhereTheBodyStarts() throws Exception {
        byte[] input = "Content-Type: text/plain\r\n\r\nbody bytes".getBytes(StandardCharsets.US_ASCII);
        CgiResponseParser parser = new CgiResponseParser(MAX, 100);
        int i = 0;
        while (!parser.isComplete()) {
            assertThat(parser.feed(input, i, 1)).isEqualTo(1);
            i++;
        }
        assertThat(new String(input, i, input.length - i, StandardCharsets.US_ASCII)).isEqualTo("body bytes");
        assertThat(parser.response().headers()).containsExactly(Header.of("Content-Type", "text/plain"));
    }

    @Test
    void fedWholeReturnsTheHeadLength() throws Exception {
        byte[] input = "Status: 200 OK\nContent-Type: text/plain\n\nhello".getBytes(StandardCharsets.US_ASCII);
        CgiResponseParser parser = new CgiResponseParser(MAX, 100);
        assertThat(parser.feed(input, 0, input.length)).isEqualTo(input.length - 5);
        assertThat(parser.isComplete()).isTrue();
    }

    @Test
    void httpStatusLineSetsTheStatus() throws Exception {
        CgiResponse r = parse("HTTP/1.1 201 Made\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n");
        assertThat(r.kind()).isEqualTo(CgiResponse.Kind.DOCUMENT);
        assertThat(r.status().code()).isEqualTo(201);
        assertThat(r.status().reason()).isEqualTo("Made");
        assertThat(r.headers()).containsExactly(Header.of("Content-Type", "text/plain"));
    }

    @Test
    void httpStatusLineHeadMayHaveNoFields() throws Exception {
        assertThat(parse("HTTP/1.0 204 No Content\r\n\r\n").status().code()).isEqualTo(204);
    }

    @Test
    void httpStatusLineWithALocalLocationIsNotALocalRedirect() throws Exception {
        CgiResponse r = parse("HTTP/1.1 200 OK\r\nLocation: /elsewhere\r\n\r\n");
        assertThat(r.kind()).isEqualTo(CgiResponse.Kind.DOCUMENT);
        assertThat(r.location()).isEqualTo("/elsewhere");
    }

    @Test
    void rejectsAStatusLineAndAStatusField() {
        assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\nStatus: 404 Not Found\r\n\r\n"))
                .isInstanceOf(CgiResponseException.class).hasMessageContaining("both a status line and a Status field");
    }

    @Test
    void rejectsAMalformedStatusLine() {
        assertThatThrownBy(() -> parse("HTTP/1.1200 OK\r\n\r\n")).isInstanceOf(CgiResponseException.class).hasMessageContaining("status line");
        assertThatThrownBy(() -> parse("HTTP/x 200 OK\r\n\r\n")).isInstanceOf(CgiResponseException.class).hasMessageContaining("status line");
    }

    @Test
    void rejectsControlCharactersInTheStatusLineReason() {
        // found by CgiResponseParserFuzzTest: a CR inside the reason of a status line reached the
        // gateway core as the status, where it failed as the application's contract violation
        assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\rX\r\nContent-Type: text/plain\r\n\r\n"))
                .isInstanceOf(CgiResponseException.class).hasMessageContaining("status line has a control character");
        assertThatThrownBy(() -> parse("HTTP/1.1 200 O\u0000K\r\n\r\n")).isInstanceOf(CgiResponseException.class);
    }

    @Test
    void aStatusLineOnlyCountsFirst() {
        assertThatThrownBy(() -> parse("Content-Type: text/plain\r\nHTTP/1.1 200 OK\r\n\r\n")).isInstanceOf(CgiResponseException.class);
    }
}
