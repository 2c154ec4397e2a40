package dev.gatehouse.core.cgi;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.core.HeaderRules;
import dev.gatehouse.core.ResponseHead;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fuzz target for the CGI response head parser: arbitrary bytes, as a FastCGI, SCGI, uwsgi or CGI
 * backend might answer, go through {@link CgiResponseParser} with small limits, fed whole, byte by
 * byte and in random pieces (the parser takes byte arrays, so the pieces are cut here; core cannot
 * use the testkit's PieceInput, which depends on core).
 *
 * <p>The only allowed outcomes are a head (plus how many bytes it took) or a
 * {@link CgiResponseException} with status 502; any other exception, a head that breaks what a
 * gateway relies on (a CR, LF or other control character in a field value or the reason phrase, a
 * field name that is not a token, a hop-by-hop or {@code Status} field passed on, more fields or
 * head bytes than the limits, a 1xx final status, a redirect whose Location is not of its kind), a
 * head that does not survive re-encoding by {@link CgiResponseEncoder}, a different outcome under
 * another segmentation or through {@link CgiResponseParser#parse}, or a hang is a bug. Work per
 * input is bounded by its length and the line buffer by {@link #MAX_HEAD_BYTES}.
 *
 * <p>In a normal {@code ./mvnw test} this runs in regression mode: once per seed in
 * {@code src/test/resources/dev/gatehouse/core/cgi/CgiResponseParserFuzzTestInputs/parsesOrRejects/}.
 * To fuzz for real (coverage-guided; the corpus goes to {@code core/.cifuzz-corpus/}):
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl core test -Dtest=CgiResponseParserFuzzTest
 * JAZZER_FUZZ=1 ./mvnw -pl core test -Dtest=CgiResponseParserFuzzTest -Djazzer.max_duration=30m
 * </pre>
 */
class CgiResponseParserFuzzTest {
    private static final int MAX_HEAD_BYTES = 512;
    private static final int MAX_FIELDS = 8;
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();

    @FuzzTest(maxDuration = "2m")
    @DictionaryFile(resourcePath = "CgiResponseParserFuzzTest.dict")
    void parsesOrRejects(byte[] input) {
        if (FUZZING) check(input);
        else assertTimeoutPreemptively(HANG_GUARD, () -> check(input), "the parser hangs on this input");
    }

    private static void check(byte[] input) {
        String whole = transcript(input, input.length);
        String bytewise = transcript(input, 1);
        String pieces = transcript(input, -Arrays.hashCode(input));
        String oneCall = oneCall(input);
        if (!whole.equals(bytewise) || !whole.equals(pieces) || !whole.equals(oneCall)) {
            throw new AssertionError("the outcome depends on the segmentation:\nwhole:     " + whole
                    + "\nbytewise:  " + bytewise + "\npieces:    " + pieces + "\nparse():   " + oneCall);
        }
    }

    /**
     * What the parser makes of the bytes fed in pieces of {@code piece} bytes (or, when negative,
     * random pieces of 1 to 13 bytes seeded with it): the checked head and the bytes it took, or the
     * rejection, or "incomplete".
     */
    private static String transcript(byte[] input, int piece) {
        CgiResponseParser parser = new CgiResponseParser(MAX_HEAD_BYTES, MAX_FIELDS);
        Random random = new Random(piece);
        int consumed = 0;
        try {
            for (int at = 0; at < input.length && !parser.isComplete(); ) {
                int n = Math.min(input.length - at, piece > 0 ? piece : 1 + random.nextInt(13));
                int took = parser.feed(input, at, n);
                if (took < 0 || took > n) throw new AssertionError("feed took " + took + " of " + n + " bytes");
                if (took < n && !parser.isComplete()) throw new AssertionError("feed left bytes over before the head ended");
                consumed += took;
                at += n;
            }
            if (parser.isComplete() && parser.feed(input, 0, input.length) != 0) {
                throw new AssertionError("a complete parser took more bytes");
            }
        } catch (CgiResponseException e) {
            return rejected(e);
        }
        if (!parser.isComplete()) {
            if (parser.response() != null) throw new AssertionError("a response before the head ended");
            return "incomplete";
        }
        checkHeadEnd(input, consumed);
        return describeChecked(parser.response()) + " took " + consumed;
    }

    /** The same through {@link CgiResponseParser#parse} on the head alone (or all bytes, when there is no end). */
    private static String oneCall(byte[] input) {
        int end = headEnd(input);
        try {
            CgiResponse r = CgiResponseParser.parse(Arrays.copyOf(input, end < 0 ? input.length : end), MAX_HEAD_BYTES, MAX_FIELDS);
            if (end < 0) throw new AssertionError("parse() accepted a head without its empty line");
            return describeChecked(r) + " took " + end;
        } catch (CgiResponseException e) {
            return end < 0 && e.getMessage().equals("CGI response ended inside its head") ? "incomplete" : rejected(e);
        }
    }

    private static String rejected(CgiResponseException e) {
        if (e.status() != 502) throw new AssertionError("not 502 Bad Gateway: " + e.status(), e);
        if (e.getMessage() == null || e.getMessage().isEmpty()) throw new AssertionError("a rejection without a message", e);
        return "502 " + e.getMessage();
    }

    /** Where the empty line that ends the head ends (after its LF), or -1. */
    private static int headEnd(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] != '\n') continue;
            if (i == 0 || b[i - 1] == '\n' || (b[i - 1] == '\r' && (i == 1 || b[i - 2] == '\n'))) return i + 1;
        }
        return -1;
    }

    private static void checkHeadEnd(byte[] input, int consumed) {
        if (consumed != headEnd(input)) throw new AssertionError("the head took " + consumed + " bytes, but ends at " + headEnd(input));
        if (consumed > MAX_HEAD_BYTES) throw new AssertionError("a head of " + consumed + " bytes, over the limit");
    }

    private static String describeChecked(CgiResponse r) {
        Status status = r.status();
        check(status.code() >= 200 && status.code() <= 999, "not a final status", r);
        check(HeaderRules.isFieldValue(status.reason()), "a control character in the reason phrase", r);
        check(r.headers().size() <= MAX_FIELDS, "more fields than the limit", r);
        for (Header h : r.headers()) {
            check(HeaderRules.isToken(h.name()), "a field name that is not a token", r);
            check(HeaderRules.isFieldValue(h.value()), "a control character in a field value", r);
            check(!h.value().matches("(?s)[ \t].*|.*[ \t]"), "whitespace around a field value", r);
            check(!HeaderRules.isHopByHop(h.name()), "a hop-by-hop field passed on", r);
            check(!h.is("Status"), "the Status field passed on", r);
        }
        if (r.location() != null) check(HeaderRules.isFieldValue(r.location()), "a control character in Location", r);
        switch (r.kind()) {
            case LOCAL_REDIRECT -> {
                check(CgiLocations.isLocalPath(r.location()) && r.headers().isEmpty() && status.code() == 200, "not a local redirect", r);
                roundTrip(r, CgiResponseEncoder.encodeHead(new ResponseHead(status, List.of(Header.of("Location", r.location())), -1, false)));
            }
            case CLIENT_REDIRECT -> {
                check(CgiLocations.isAbsoluteUri(r.location()) && status.code() == 302, "not a client redirect", r);
                check(r.location().equals(Header.find(r.headers(), "Location")), "Location not passed on", r);
                roundTrip(new CgiResponse(CgiResponse.Kind.DOCUMENT, status, r.headers(), r.location()),
                        CgiResponseEncoder.encodeStatusLineHead(new ResponseHead(status, r.headers(), -1, false), "HTTP/1.1"));
            }
            case DOCUMENT -> {
                check(r.location() == null ? Header.find(r.headers(), "Location") == null : r.location().equals(Header.find(r.headers(), "Location")),
                        "Location not passed on as given", r);
                roundTrip(r, CgiResponseEncoder.encodeStatusLineHead(new ResponseHead(status, r.headers(), -1, false), "HTTP/1.1"));
            }
        }
        return r.toString();
    }

    /** The encoded head parses back to {@code expected}. */
    private static void roundTrip(CgiResponse expected, byte[] encoded) {
        CgiResponse back;
        try {
            back = CgiResponseParser.parse(encoded, Integer.MAX_VALUE, Integer.MAX_VALUE);
        } catch (CgiResponseException e) {
            throw new AssertionError("the re-encoded head is rejected: " + e.getMessage() + "\n" + expected, e);
        }
        check(back.equals(expected), "the head does not survive re-encoding: " + back, expected);
    }

    private static void check(boolean ok, String what, CgiResponse r) {
        if (!ok) throw new AssertionError(what + ": " + r);
    }
}
