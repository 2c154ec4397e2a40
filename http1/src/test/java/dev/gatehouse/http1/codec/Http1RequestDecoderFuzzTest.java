package dev.gatehouse.http1.codec;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.core.HeaderRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

/**
 * Fuzz target for the request parser: arbitrary bytes go through the head decoder and the body
 * decoders (pipelined, with small limits), the way {@code Http1Connection} drives them.
 *
 * <p>The only allowed outcomes are decoded requests, a clean end (null) or an {@link Http1Exception};
 * any other exception, a broken invariant of a decoded request, a different outcome under another
 * segmentation of the same bytes, or a hang is a bug. Work per input is bounded by its length (every
 * request consumes input) and by {@link #MAX_REQUESTS}. A hang fails a regression run after
 * {@link #HANG_GUARD} (a guard, not a timing check: an input takes microseconds); while fuzzing,
 * libFuzzer's own per-input timeout applies (JUnit's {@code @Timeout} cannot be used for it: under
 * surefire it would also cut the whole fuzzing run short, jazzer issues #930 and #1060).
 *
 * <p>In a normal {@code ./mvnw test} this runs in regression mode: once per seed in
 * {@code src/test/resources/dev/gatehouse/http1/codec/Http1RequestDecoderFuzzTestInputs/decodesOrRejects/}
 * (where Jazzer also saves any crashing input it finds, so that it becomes a regression test).
 * To fuzz for real (libFuzzer-driven, coverage-guided; the generated corpus goes to
 * {@code http1/.cifuzz-corpus/}, not under version control):
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl http1 test -Dtest=Http1RequestDecoderFuzzTest
 * JAZZER_FUZZ=1 ./mvnw -pl http1 test -Dtest=Http1RequestDecoderFuzzTest -Djazzer.max_duration=30m
 * </pre>
 * The first runs for the {@code maxDuration} below; the second for as long as it says.
 */
class Http1RequestDecoderFuzzTest {
    private static final int MAX_REQUEST_LINE = 128;
    private static final int MAX_FIELD = 96;
    private static final int MAX_HEADER_BYTES = 512;
    private static final int MAX_HEADER_COUNT = 12;
    private static final long MAX_BODY = 1024;
    private static final int MAX_EXTENSIONS = 48;
    private static final int MAX_TRAILER = 64;
    private static final int MAX_DRAIN = 256;
    private static final int MAX_REQUESTS = 64;
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();

    @FuzzTest(maxDuration = "2m")
    @DictionaryFile(resourcePath = "Http1RequestDecoderFuzzTest.dict")
    void decodesOrRejects(byte[] input) throws IOException {
        if (FUZZING) check(input);
        else assertTimeoutPreemptively(HANG_GUARD, () -> check(input), "the decoders hang on this input");
    }

    private static void check(byte[] input) throws IOException {
        String whole = transcript(input, PieceSource.whole(input), 4096, Bodies.Reading.BULK);
        String bytewise = transcript(input, PieceSource.pieces(input, 1), 16, Bodies.Reading.SINGLE);
        String pieces = transcript(input, PieceSource.random(input, Arrays.hashCode(input), 13), 16, Bodies.Reading.SMALL);
        if (!whole.equals(bytewise) || !whole.equals(pieces)) {
            throw new AssertionError("the outcome depends on the segmentation:\nwhole:     " + whole
                    + "\nbytewise:  " + bytewise + "\npieces:    " + pieces);
        }
        drainAll(input);
    }

    /** What the decoders make of {@code input}: each request and its body, then how it ended. */
    private static String transcript(byte[] input, PieceSource source, int initialSize, Bodies.Reading reading) throws IOException {
        Http1Reader reader = reader(source, initialSize);
        Http1RequestDecoder decoder = decoder(reader);
        StringBuilder out = new StringBuilder();
        try {
            for (int i = 0; i < MAX_REQUESTS; i++) {
                Http1Request request = decoder.decode();
                if (request == null) return out.append("end").toString();
                checkInvariants(request);
                out.append(Requests.describe(request));
                Http1BodyDecoder body = body(reader, request);
                out.append(" body=").append(Arrays.toString(readAll(body, reading))).append('\n');
                if (!body.complete()) throw new AssertionError("body read to its end but not complete");
            }
            return out.append("more").toString();
        } catch (Http1Exception e) {
            if (e.status() < 400 || e.status() > 599) throw new AssertionError("not an error status: " + e.status(), e);
            return out.append(e.status()).append(' ').append(e.getMessage()).toString();
        }
    }

    /** The server's other path: the app reads nothing and the body is drained before the next request. */
    private static void drainAll(byte[] input) throws IOException {
        Http1Reader reader = reader(PieceSource.random(input, input.length, 5), 16);
        Http1RequestDecoder decoder = decoder(reader);
        try {
            for (int i = 0; i < MAX_REQUESTS; i++) {
                Http1Request request = decoder.decode();
                if (request == null) return;
                if (!body(reader, request).drain(i % 2 == 0 ? MAX_DRAIN : Long.MAX_VALUE)) return;
            }
        } catch (Http1Exception expected) {
            // a rejection is an allowed outcome
        }
    }

    private static Http1Reader reader(PieceSource source, int initialSize) {
        int bufferSize = Http1RequestDecoder.bufferSizeFor(MAX_REQUEST_LINE, MAX_FIELD);
        // sized like Http1Connection's reader, and big enough for the trailer limit too
        int maxBuffer = Math.max(Math.max(bufferSize, 4096 + MAX_EXTENSIONS), MAX_TRAILER + 2);
        return new Http1Reader(source, Math.min(initialSize, maxBuffer), maxBuffer);
    }

    private static Http1RequestDecoder decoder(Http1Reader reader) {
        return new Http1RequestDecoder(reader, MAX_REQUEST_LINE, MAX_FIELD, MAX_HEADER_BYTES, MAX_HEADER_COUNT);
    }

    /** The body decoder Http1Connection would build (after its own 413 check). */
    private static Http1BodyDecoder body(Http1Reader reader, Http1Request request) throws Http1Exception {
        if (request.contentLength() > MAX_BODY) throw new Http1Exception(413, "body over the limit");
        return request.chunked()
                ? new Http1ChunkedDecoder(reader, MAX_BODY, MAX_EXTENSIONS, MAX_TRAILER)
                : new Http1FixedLengthDecoder(reader, request.contentLength());
    }

    private static byte[] readAll(Http1BodyDecoder body, Bodies.Reading reading) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] scratch = new byte[65536];
        while (true) {
            int n = reading.read(body, scratch);
            if (n < 0) return out.toByteArray();
            if (n == 0) throw new AssertionError("a body read made no progress");
            out.write(scratch, 0, n);
            if (out.size() > MAX_BODY) throw new AssertionError("read more body than the limit allows: " + out.size());
        }
    }

    private static void checkInvariants(Http1Request r) {
        check(HeaderRules.isToken(r.method()), "method is not a token", r);
        check(!r.target().isEmpty(), "empty target", r);
        for (int i = 0; i < r.target().length(); i++) {
            char c = r.target().charAt(i);
            check(c > 0x20 && c < 0x7F, "target has a byte outside VCHAR", r);
        }
        check(r.minorVersion() == 0 || r.minorVersion() == 1, "version is not 1.0 or 1.1", r);
        check(r.contentLength() >= -1 && r.contentLength() < 1_000_000_000_000_000_000L, "bad content length", r);
        check(!r.chunked() || r.minorVersion() == 1, "chunked in HTTP/1.0", r);
        check(r.minorVersion() == 0 || r.host() != null, "HTTP/1.1 without a host", r);
        check(r.host() == null || Http1Framing.isValidHost(r.host()), "invalid host", r);
        check(!r.expectContinue() || r.minorVersion() == 1, "100-continue from HTTP/1.0", r);
        check(r.path().isEmpty() ? r.target().equals("*") : r.path().charAt(0) == '/', "path does not start with '/'", r);
        check(r.path().indexOf('?') < 0 && r.path().indexOf('#') < 0, "path holds a query or fragment", r);
        Http1Headers h = r.headers();
        check(h.size() <= MAX_HEADER_COUNT, "too many headers", r);
        int contentLengths = 0;
        for (int i = 0; i < h.size(); i++) {
            check(HeaderRules.isToken(h.name(i)), "header name is not a token", r);
            check(HeaderRules.isFieldValue(h.value(i)), "header value has a control byte", r);
            String v = h.value(i);
            check(v.isEmpty() || (v.charAt(0) != ' ' && v.charAt(0) != '\t' && v.charAt(v.length() - 1) != ' '
                    && v.charAt(v.length() - 1) != '\t'), "header value not trimmed", r);
            String key = h.environKey(i);
            check(key == null ? h.name(i).indexOf('_') >= 0 : key.equals(Http1HeaderNames.environKey(h.name(i))),
                    "environ key does not match the name", r);
            if (h.name(i).equalsIgnoreCase("Content-Length")) contentLengths++;
        }
        check(contentLengths <= 1, "several Content-Length headers accepted", r);
        check(!(contentLengths == 1 && h.count("Transfer-Encoding") > 0), "Content-Length with Transfer-Encoding accepted", r);
    }

    private static void check(boolean ok, String what, Http1Request r) {
        if (!ok) throw new AssertionError(what + ": " + Requests.describe(r));
    }
}
