package dev.gatehouse.http1.codec;

import static dev.gatehouse.http1.codec.Requests.assertRejected;
import static dev.gatehouse.http1.codec.Requests.decode;
import static dev.gatehouse.http1.codec.Requests.latin1;
import static dev.gatehouse.http1.codec.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.http1.codec.Requests.Limits;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The request line and header section, byte by byte (RFC 9112 sections 2-3 and 5, LIMITS.md).
 * Every input runs under every {@link Feed}; framing rules are in {@link Http1FramingTest}.
 */
class Http1RequestDecoderTest {
    private static final String HOST = "Host: example.com\r\n";

    private static String get(String headers) {
        return "GET / HTTP/1.1\r\n" + headers + "\r\n";
    }

    private static String line(String requestLine) {
        return requestLine + "\r\n" + HOST + "\r\n";
    }

    // --- request line -----------------------------------------------------------------------

    @Test
    void decodesOriginFormRequest() {
        Http1Request r = decode("GET /a/b%20c?x=1&y=2 HTTP/1.1\r\n" + HOST + "\r\n");
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.target()).isEqualTo("/a/b%20c?x=1&y=2");
        assertThat(r.path()).isEqualTo("/a/b%20c");
        assertThat(r.query()).isEqualTo("x=1&y=2");
        assertThat(r.minorVersion()).isEqualTo(1);
        assertThat(r.protocol()).isEqualTo("HTTP/1.1");
        assertThat(r.host()).isEqualTo("example.com");
        assertThat(r.contentLength()).isZero();
        assertThat(r.chunked()).isFalse();
        assertThat(r.keepAlive()).isTrue();
        assertThat(r.expectContinue()).isFalse();
    }

    @Test
    void decodesHttp10RequestWithoutHost() {
        Http1Request r = decode("GET /index.html HTTP/1.0\r\n\r\n");
        assertThat(r.minorVersion()).isZero();
        assertThat(r.protocol()).isEqualTo("HTTP/1.0");
        assertThat(r.host()).isNull();
        assertThat(r.keepAlive()).isFalse();
        assertThat(r.headers().size()).isZero();
    }

    @Test
    void keepsAnEmptyQueryAfterTheQuestionMark() {
        Http1Request r = decode(line("GET /p? HTTP/1.1"));
        assertThat(r.path()).isEqualTo("/p");
        assertThat(r.query()).isEmpty();
    }

    @Test
    void decodesAbsoluteFormTarget() {
        Http1Request r = decode("GET http://example.org:8080/p/q?x=1 HTTP/1.1\r\nHost: example.org:8080\r\n\r\n");
        assertThat(r.target()).isEqualTo("http://example.org:8080/p/q?x=1");
        assertThat(r.path()).isEqualTo("/p/q");
        assertThat(r.query()).isEqualTo("x=1");
        assertThat(r.host()).isEqualTo("example.org:8080");
    }

    @Test
    void absoluteFormWithoutPathHasPathSlash() {
        assertThat(decode(line("GET http://example.com HTTP/1.1")).path()).isEqualTo("/");
        Http1Request withQuery = decode(line("GET HTTPS://example.com?a=b HTTP/1.1"));
        assertThat(withQuery.path()).isEqualTo("/");
        assertThat(withQuery.query()).isEqualTo("a=b");
    }

    @Test
    void decodesAsteriskFormForOptions() {
        Http1Request r = decode(line("OPTIONS * HTTP/1.1"));
        assertThat(r.method()).isEqualTo("OPTIONS");
        assertThat(r.target()).isEqualTo("*");
        assertThat(r.path()).isEmpty();
        assertThat(r.query()).isEmpty();
    }

    @Test
    void rejectsAsteriskFormForOtherMethods() {
        assertRejected(line("GET * HTTP/1.1"), 400, "asterisk-form");
    }

    @Test
    void keepsUnknownMethodTokensAsSent() {
        assertThat(decode(line("PROPFIND /dav HTTP/1.1")).method()).isEqualTo("PROPFIND");
        assertThat(decode(line("get / HTTP/1.1")).method()).isEqualTo("get"); // methods are case-sensitive
        assertThat(decode(line("M-SEARCH! / HTTP/1.1")).method()).isEqualTo("M-SEARCH!");
    }

    @Test
    void sharesTheCommonMethodStrings() {
        assertThat(decode(line("POST / HTTP/1.1")).method()).isSameAs("POST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"G(T / HTTP/1.1", " GET / HTTP/1.1", "GET\t/ HTTP/1.1", "G\u00c9T / HTTP/1.1", "GET", "/ HTTP/1.1", ""})
    void rejectsMalformedMethod(String requestLine) {
        assertRejected(line(requestLine), 400, "(method)");
    }

    @Test
    void skipsEmptyLinesBeforeRequestLine() {
        // RFC 9112 2.2: some clients send a CRLF after a body; a server should ignore at least one.
        assertThat(decode("\r\n" + line("GET /one HTTP/1.1")).path()).isEqualTo("/one");
        assertThat(decode("\r\n".repeat(4) + line("GET /four HTTP/1.1")).path()).isEqualTo("/four");
    }

    @Test
    void rejectsMoreThanFourEmptyLinesBeforeRequestLine() {
        assertRejected("\r\n".repeat(5) + line("GET / HTTP/1.1"), 400, "(method)");
    }

    @Test
    void rejectsBareLfBeforeRequestLine() {
        assertRejected("\n" + line("GET / HTTP/1.1"), 400, "bare LF");
        assertRejected("\r\n\n" + line("GET / HTTP/1.1"), 400, "bare LF");
    }

    @Test
    void returnsNullWhenOnlyEmptyLinesComeBeforeTheEnd() {
        assertThat(decode("\r\n")).isNull();
        assertThat(decode("\r\n\r\n")).isNull();
    }

    @Test
    void rejectsLoneCrBeforeTheEnd() {
        assertRejected("\r", 400, "connection closed in the middle of the request line");
        assertRejected("\r\n\r", 400, "connection closed in the middle of the request line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET  / HTTP/1.1", "GET HTTP/1.1", "GET /a\u0000b HTTP/1.1", "GET /a\u007fb HTTP/1.1",
        "GET /caf\u00e9 HTTP/1.1", "GET /a\tb HTTP/1.1", "GET /a\u000bb HTTP/1.1", "GET /"})
    void rejectsMalformedTarget(String requestLine) {
        assertRejected(line(requestLine), 400, "(target)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/1.1 ", "GET /  HTTP/1.1", "GET / http/1.1", "GET / Http/1.1", "GET / HTTP/1",
        "GET / HTTP/11", "GET / HTTP/1.10", "GET / HTTP/1.x", "GET / HTTP/a.1", "GET / HTTPS/1.1", "GET / HTTP/1,1",
        "GET / HTTP /1.1", "GET / "})
    void rejectsMalformedVersion(String requestLine) {
        assertRejected(line(requestLine), 400, "(version)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/1.2", "HTTP/1.9", "HTTP/0.9", "HTTP/3.0", "HTTP/9.9"})
    void answers505ForUnsupportedVersions(String version) {
        assertRejected(line("GET / " + version), 505, "is not supported");
    }

    @Test
    void rejectsTargetThatIsNotOriginAbsoluteOrAsteriskForm() {
        assertRejected(line("GET index.html HTTP/1.1"), 400, "must start with '/'");
        assertRejected(line("GET example.com:80 HTTP/1.1"), 400, "must start with '/'");
    }

    @Test
    void rejectsFragmentInTarget() {
        assertRejected(line("GET /a#b HTTP/1.1"), 400, "fragment");
        assertRejected(line("GET http://example.com#b HTTP/1.1"), 400, "fragment");
    }

    @Test
    void answers501ForConnect() {
        assertRejected(line("CONNECT example.com:443 HTTP/1.1"), 501, "CONNECT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "http:///p", "http://user@example.com/", "http://exa mple.com/",
        "http://exa\"mple/"})
    void rejectsMalformedAbsoluteForm(String target) {
        Http1Exception e = Requests.reject(line("GET " + target + " HTTP/1.1"));
        assertThat(e.status()).isEqualTo(400);
    }

    @Test
    void acceptsRequestLineExactlyAtTheLimit() {
        Limits limits = new Limits(32, 64, 1024, 10);
        String requestLine = "GET /" + "a".repeat(32 - 14) + " HTTP/1.1";
        assertThat(requestLine).hasSize(32);
        assertThat(decode(line(requestLine), limits).path()).hasSize(32 - 13);
    }

    @Test
    void answers414ForRequestLineOverTheLimit() {
        Limits limits = new Limits(32, 64, 1024, 10);
        String requestLine = "GET /" + "a".repeat(32 - 13) + " HTTP/1.1";
        assertThat(requestLine).hasSize(33);
        assertRejected(line(requestLine), limits, 414, "request line longer than 32");
    }

    @Test
    void answers414EvenWhenTheLongLineIsCutOff() {
        Limits limits = new Limits(32, 64, 1024, 10);
        assertRejected("GET /" + "a".repeat(100), limits, 414, "request line");
    }

    // --- line endings -------------------------------------------------------------------------

    @Test
    void rejectsBareLfAfterRequestLine() {
        assertRejected("GET / HTTP/1.1\n" + HOST + "\r\n", 400, "bare LF");
    }

    @Test
    void rejectsBareLfAfterHeaderField() {
        assertRejected("GET / HTTP/1.1\r\nHost: example.com\nX: y\r\n\r\n", 400, "bare LF");
    }

    @Test
    void rejectsBareLfAsTheEndOfTheHeaderSection() {
        assertRejected("GET / HTTP/1.1\r\n" + HOST + "\n", 400, "bare LF");
        assertRejected("GET / HTTP/1.0\n\n", 400, "bare LF");
    }

    @Test
    void rejectsBareCrInRequestLine() {
        assertRejected(line("GET /\r HTTP/1.1"), 400, "(target)");
        assertRejected(line("GET / HTTP/1.1\r"), 400, "(version)");
        assertRejected(line("GET\r/ HTTP/1.1"), 400, "(method)");
    }

    @Test
    void rejectsBareCrInHeaderValue() {
        assertRejected(get(HOST + "X: a\rb\r\n"), 400, "bare CR");
        assertRejected(get(HOST + "X: a\r\r\n"), 400, "bare CR");
        assertRejected(get(HOST + "X: \rb\r\n"), 400, "bare CR");
    }

    @Test
    void rejectsBareCrInHeaderName() {
        assertRejected(get(HOST + "X\r: a\r\n"), 400, "header field name");
        assertRejected(get(HOST + "\r\r\n"), 400, "header field name");
    }

    // --- header fields ------------------------------------------------------------------------

    @Test
    void rejectsObsFold() {
        assertRejected(get(HOST + "X: a\r\n b\r\n"), 400, "obs-fold");
        assertRejected(get(HOST + "X: a\r\n\tb\r\n"), 400, "obs-fold");
    }

    @Test
    void rejectsWhitespaceBeforeTheFirstHeaderField() {
        assertRejected("GET / HTTP/1.1\r\n " + HOST + "\r\n", 400, "obs-fold");
    }

    @Test
    void rejectsWhitespaceBeforeColon() {
        assertRejected(get("Host : example.com\r\n"), 400, "whitespace between a header name and its colon");
        assertRejected(get(HOST + "X\t: a\r\n"), 400, "whitespace between a header name and its colon");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X\u0000Y: a", "X\u0001: a", "X\u007f: a", "\u0000: a", "X(Y): a", "X/Y: a", "X\"Y: a",
        "Caf\u00e9: a", "X-\u00ff: a", "No-Colon", "X@Y: a", "X[1]: a"})
    void rejectsNonTokenHeaderNames(String field) {
        assertRejected(get(HOST + field + "\r\n"), 400, "header field name");
    }

    @Test
    void rejectsKelvinSignInHeaderName() {
        // The trap: Java folds the Kelvin sign to 'k', so "\u212Aeep-Alive" would "equal" Keep-Alive.
        assertThat("\u212Aeep-Alive".equalsIgnoreCase("keep-alive")).isTrue();
        assertThat("\u212A".toLowerCase(Locale.ROOT)).isEqualTo("k");
        byte[] raw = utf8(get(HOST + "\u212Aeep-Alive: timeout=5\r\nTransfer-Encoding: \u212Ahunked\r\n"));
        assertRejected(raw, Limits.DEFAULT, 400, "header field name");
    }

    @Test
    void rejectsEmptyHeaderName() {
        assertRejected(get(HOST + ": a\r\n"), 400, "empty header field name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u0001", "\u0008", "\u000b", "\u000c", "\u001b", "\u001f", "\u007f"})
    void rejectsControlBytesInHeaderValue(String control) {
        assertRejected(get(HOST + "X: a" + control + "b\r\n"), 400, "control byte in a header field value");
        assertRejected(get(HOST + "X: a" + control + "\r\n"), 400, "control byte in a header field value");
    }

    @Test
    void rejectsControlBytesThatStringTrimWouldHaveStripped() {
        assertThat("\u000b5\u0000".trim()).isEqualTo("5"); // the trap: trim() drops every byte <= 0x20
        assertRejected(get(HOST + "X: \u000b5\u0000\r\n"), 400, "control byte");
    }

    @Test
    void trimsOptionalWhitespaceAroundValues() {
        Http1Headers h = decode(get(HOST + "A:  \t a b \t \r\nB:\tc\r\nC:d\r\nD:\r\nE: \t \r\n")).headers();
        assertThat(h.get("A")).isEqualTo("a b");
        assertThat(h.get("B")).isEqualTo("c");
        assertThat(h.get("C")).isEqualTo("d");
        assertThat(h.get("D")).isEmpty();
        assertThat(h.get("E")).isEmpty();
    }

    @Test
    void keepsTabsAndSpacesInsideValues() {
        assertThat(decode(get(HOST + "X: a\t b  c\r\n")).headers().get("X")).isEqualTo("a\t b  c");
    }

    @Test
    void keepsObsTextAsIso88591() {
        byte[] raw = latin1(get(HOST + "X-Name: caf\u00e9 \u0080\u00ff\r\n"));
        assertThat(raw).contains((byte) 0xE9, (byte) 0x80, (byte) 0xFF);
        assertThat(Requests.decode(raw, Limits.DEFAULT).headers().get("X-Name")).isEqualTo("caf\u00e9 \u0080\u00ff");
    }

    @Test
    void keepsUtf8ValuesAsTheirIso88591Bytes() {
        byte[] raw = utf8(get(HOST + "X-Name: \u00e9\r\n"));
        assertThat(Requests.decode(raw, Limits.DEFAULT).headers().get("X-Name")).isEqualTo("\u00c3\u00a9");
    }

    @Test
    void mapsHeaderNamesToEnvironKeys() {
        Http1Headers h = decode(get(HOST + "content-type: text/plain\r\nContent-Length: 0\r\nX-Custom-Thing: 1\r\n"
                + "user-agent: t\r\nDNT: 1\r\nX-1.2~!#: v\r\n")).headers();
        assertThat(keyOf(h, "Host")).isEqualTo("HTTP_HOST");
        assertThat(keyOf(h, "Content-Type")).isEqualTo("CONTENT_TYPE");
        assertThat(keyOf(h, "Content-Length")).isEqualTo("CONTENT_LENGTH");
        assertThat(keyOf(h, "X-Custom-Thing")).isEqualTo("HTTP_X_CUSTOM_THING");
        assertThat(keyOf(h, "User-Agent")).isEqualTo("HTTP_USER_AGENT");
        assertThat(keyOf(h, "DNT")).isEqualTo("HTTP_DNT");
        assertThat(keyOf(h, "X-1.2~!#")).isEqualTo("HTTP_X_1.2~!#");
    }

    @Test
    void givesNoEnvironKeyToNamesWithUnderscore() {
        Http1Headers h = decode(get(HOST + "X_Forwarded_For: 1.2.3.4\r\nX-Forwarded-For: 5.6.7.8\r\nContent_Type: x\r\n")).headers();
        assertThat(keyOf(h, "X_Forwarded_For")).isNull();
        assertThat(keyOf(h, "Content_Type")).isNull();
        assertThat(keyOf(h, "X-Forwarded-For")).isEqualTo("HTTP_X_FORWARDED_FOR");
        assertThat(h.get("X_Forwarded_For")).isEqualTo("1.2.3.4"); // still readable by name
    }

    @Test
    void keepsRepeatedHeadersInOrder() {
        Http1Headers h = decode(get(HOST + "Accept: a\r\nX: 1\r\naccept: b\r\nACCEPT: c\r\n")).headers();
        assertThat(h.size()).isEqualTo(5);
        assertThat(h.count("Accept")).isEqualTo(3);
        assertThat(h.get("accept")).isEqualTo("a");
        assertThat(h.value(1)).isEqualTo("a");
        assertThat(h.value(3)).isEqualTo("b");
        assertThat(h.value(4)).isEqualTo("c");
        assertThat(h.environKey(3)).isEqualTo("HTTP_ACCEPT");
    }

    @Test
    void findsHeadersWhateverTheirCase() {
        Http1Request r = decode("GET / HTTP/1.1\r\nhOsT: example.com\r\nx-lower: 1\r\n\r\n");
        assertThat(r.host()).isEqualTo("example.com");
        assertThat(r.headers().get("X-LOWER")).isEqualTo("1");
        assertThat(keyOf(r.headers(), "x-lower")).isEqualTo("HTTP_X_LOWER");
    }

    @Test
    void turkishLocaleDoesNotChangeEnvironKeys() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.of("tr"));
            assertThat("x-id".toUpperCase()).isNotEqualTo("X-ID"); // the trap: dotted capital I
            Http1Headers h = decode(get(HOST + "x-id: 1\r\nif-match: *\r\nX-Fix-It: 2\r\n")).headers();
            assertThat(keyOf(h, "x-id")).isEqualTo("HTTP_X_ID");
            assertThat(keyOf(h, "If-Match")).isEqualTo("HTTP_IF_MATCH");
            assertThat(keyOf(h, "X-Fix-It")).isEqualTo("HTTP_X_FIX_IT");
        } finally {
            Locale.setDefault(saved);
        }
    }

    // --- limits -------------------------------------------------------------------------------

    @Test
    void acceptsHeaderFieldExactlyAtTheLimit() {
        Limits limits = new Limits(64, 32, 1024, 10);
        String field = "X: " + "v".repeat(29);
        assertThat(field).hasSize(32);
        assertThat(decode(get(HOST + field + "\r\n"), limits).headers().get("X")).hasSize(29);
    }

    @Test
    void answers431ForHeaderFieldOverTheLimit() {
        Limits limits = new Limits(64, 32, 1024, 10);
        assertRejected(get(HOST + "X: " + "v".repeat(30) + "\r\n"), limits, 431, "header field is longer than 32");
        assertRejected("GET / HTTP/1.1\r\nX: " + "v".repeat(100), limits, 431, "header field");
    }

    @Test
    void answers431ForHeaderSectionOverTheLimit() {
        String field = "X: 12345\r\n"; // 10 bytes: every field line counts with its CRLF
        String request = get(field + field + "Host: a\r\n"); // 10 + 10 + 9 = 29
        assertThat(decode(request, new Limits(64, 64, 29, 100)).headers().size()).isEqualTo(3);
        assertRejected(request, new Limits(64, 64, 28, 100), 431, "header section larger than 28");
    }

    @Test
    void answers431ForTooManyHeaderFields() {
        Limits limits = new Limits(64, 64, 1024, 3);
        assertThat(decode(get(HOST + "A: 1\r\nB: 2\r\n"), limits).headers().size()).isEqualTo(3);
        assertRejected(get(HOST + "A: 1\r\nB: 2\r\nC: 3\r\n"), limits, 431, "more than 3 header fields");
    }

    // --- end of input -------------------------------------------------------------------------

    @Test
    void returnsNullAtCleanEndBeforeTheFirstByte() {
        assertThat(decode("")).isNull();
    }

    @Test
    void rejectsEveryTruncationOfAValidRequest() {
        String whole = "POST /upload?x=1 HTTP/1.1\r\nHost: example.com\r\nContent-Length: 0\r\n\r\n";
        assertThat(decode(whole).method()).isEqualTo("POST");
        for (int end = 1; end < whole.length(); end++) {
            String cut = whole.substring(0, end);
            Http1Exception e = Requests.reject(cut);
            assertThat(e.status()).as("cut after %d bytes", end).isEqualTo(400);
            assertThat(e.getMessage()).as("cut after %d bytes", end).contains("connection closed");
        }
    }

    @Test
    void reportsTruncationInTheHeaderSection() {
        assertRejected("GET / HTTP/1.1\r\n", 400, "connection closed in the middle of the header section");
        assertRejected("GET / HTTP/1.1\r\nHost: a\r\n", 400, "connection closed in the middle of the header section");
        assertRejected("GET / HTTP/1.1\r\nHost: a\r\n\r", 400, "connection closed in the middle of the header section");
        assertRejected("GET / HTTP/1.1", 400, "connection closed in the middle of the request line");
    }

    private static String keyOf(Http1Headers h, String name) {
        for (int i = 0; i < h.size(); i++) {
            if (h.name(i).equalsIgnoreCase(name)) return h.environKey(i);
        }
        throw new AssertionError("no header " + name);
    }
}
