package dev.gatehouse.http1.codec;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.core.HeaderRules;
import dev.gatehouse.http1.codec.Http1ResponseEncoder.Framing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

/**
 * Fuzz target for the response parser: arbitrary bytes go through the head decoder and the body
 * decoders, response after response on one connection, the way the {@code http://} mount's
 * client drives them (a HEAD request every third response, so that framing is exercised too).
 *
 * <p>The only allowed outcomes are decoded responses, a clean end (null), a close-delimited body
 * read to the end, or an {@link Http1Exception}; any other exception, a broken invariant of a
 * decoded response, a different outcome under another segmentation of the same bytes, or a hang
 * is a bug. Work per input is bounded by its length and by {@link #MAX_RESPONSES}; a hang fails a
 * regression run after {@link #HANG_GUARD} (a guard, not a timing check).
 *
 * <p>In a normal {@code ./mvnw test} this runs once per seed in
 * {@code src/test/resources/dev/gatehouse/http1/codec/Http1ResponseDecoderFuzzTestInputs/decodesOrRejects/}.
 * To fuzz for real (coverage-guided; the corpus goes to {@code http1/.cifuzz-corpus/}):
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl http1 test -Dtest=Http1ResponseDecoderFuzzTest
 * </pre>
 */
class Http1ResponseDecoderFuzzTest {
    private static final int MAX_FIELD = 96;
    private static final int MAX_HEADER_BYTES = 512;
    private static final int MAX_HEADER_COUNT = 12;
    private static final int MAX_INTERIM = 3;
    private static final int MAX_EXTENSIONS = 48;
    private static final int MAX_TRAILER = 64;
    private static final int MAX_RESPONSES = 64;
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();

    @FuzzTest(maxDuration = "2m")
    @DictionaryFile(resourcePath = "Http1ResponseDecoderFuzzTest.dict")
    void decodesOrRejects(byte[] input) throws IOException {
        if (FUZZING) check(input);
        else assertTimeoutPreemptively(HANG_GUARD, () -> check(input), "the decoders hang on this input");
    }

    private static void check(byte[] input) throws IOException {
        String whole = transcript(PieceSource.whole(input), 4096, Bodies.Reading.BULK);
        String bytewise = transcript(PieceSource.pieces(input, 1), 16, Bodies.Reading.SINGLE);
        String pieces = transcript(PieceSource.random(input, Arrays.hashCode(input), 13), 16, Bodies.Reading.SMALL);
        if (!whole.equals(bytewise) || !whole.equals(pieces)) {
            throw new AssertionError("the outcome depends on the segmentation:\nwhole:     " + whole
                    + "\nbytewise:  " + bytewise + "\npieces:    " + pieces);
        }
    }

    /** What the decoders make of {@code input}: each response and its body, then how it ended. */
    private static String transcript(PieceSource source, int initialSize, Bodies.Reading reading) throws IOException {
        int maxBuffer = Math.max(Http1ResponseDecoder.bufferSizeFor(MAX_FIELD), Math.max(4096 + MAX_EXTENSIONS, MAX_TRAILER + 2));
        Http1Reader reader = new Http1Reader(source, Math.min(initialSize, maxBuffer), maxBuffer);
        Http1ResponseDecoder decoder = new Http1ResponseDecoder(reader, MAX_FIELD, MAX_HEADER_BYTES, MAX_HEADER_COUNT, MAX_INTERIM);
        StringBuilder out = new StringBuilder();
        try {
            for (int i = 0; i < MAX_RESPONSES; i++) {
                String method = i % 3 == 2 ? "HEAD" : "GET";
                Http1Response response = decoder.decode(method);
                if (response == null) return out.append("end").toString();
                checkInvariants(response, method);
                out.append(Responses.describe(response));
                byte[] body = switch (response.framing()) {
                    case NONE -> new byte[0];
                    case CONTENT_LENGTH -> readAll(new Http1FixedLengthDecoder(reader, response.contentLength()), reading);
                    case CHUNKED -> readAll(new Http1ChunkedDecoder(reader, Long.MAX_VALUE, MAX_EXTENSIONS, MAX_TRAILER), reading);
                    case CLOSE -> Bodies.rest(reader).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                };
                out.append(" body=").append(Arrays.toString(body)).append('\n');
                if (!response.keepAlive()) return out.append("closed").toString();
            }
            return out.append("more").toString();
        } catch (Http1Exception e) {
            if (e.status() < 400 || e.status() > 599) throw new AssertionError("not an error status: " + e.status(), e);
            return out.append(e.status()).append(' ').append(e.getMessage()).toString();
        }
    }

    private static byte[] readAll(Http1BodyDecoder body, Bodies.Reading reading) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] scratch = new byte[65536];
        while (true) {
            int n = reading.read(body, scratch);
            if (n < 0) {
                if (!body.complete()) throw new AssertionError("body ended but is not complete");
                return out.toByteArray();
            }
            if (n == 0) throw new AssertionError("a body read made no progress");
            out.write(scratch, 0, n);
        }
    }

    private static void checkInvariants(Http1Response r, String method) {
        int code = r.status().code();
        check(code >= 200 && code <= 599, "not a final status", r);
        check(r.minorVersion() == 0 || r.minorVersion() == 1, "version is not 1.0 or 1.1", r);
        check(HeaderRules.isFieldValue(r.status().reason()), "reason has a control byte", r);
        check(r.interimResponses() <= MAX_INTERIM, "too many interim responses", r);
        boolean bodyless = method.equals("HEAD") || code == 204 || code == 304;
        check(bodyless == (r.framing() == Framing.NONE), "framing NONE does not match HEAD/204/304", r);
        check(r.framing() != Framing.CHUNKED || (r.minorVersion() == 1 && r.contentLength() == -1), "chunked on 1.0 or with a length", r);
        check(r.framing() != Framing.CONTENT_LENGTH || r.contentLength() >= 0, "Content-Length framing without a length", r);
        check(r.framing() != Framing.CLOSE || (!r.keepAlive() && r.contentLength() == -1), "close-delimited but kept or with a length", r);
        Http1Headers h = r.headers();
        check(h.size() <= MAX_HEADER_COUNT, "too many headers", r);
        int contentLengths = 0;
        for (int i = 0; i < h.size(); i++) {
            check(HeaderRules.isToken(h.name(i)), "header name is not a token", r);
            check(HeaderRules.isFieldValue(h.value(i)), "header value has a control byte", r);
            if (h.name(i).equalsIgnoreCase("Content-Length")) contentLengths++;
        }
        check(contentLengths <= 1, "several Content-Length headers accepted", r);
        check(!(contentLengths == 1 && h.count("Transfer-Encoding") > 0), "Content-Length with Transfer-Encoding accepted", r);
    }

    private static void check(boolean ok, String what, Http1Response r) {
        if (!ok) throw new AssertionError(what + ": " + Responses.describe(r));
    }
}
