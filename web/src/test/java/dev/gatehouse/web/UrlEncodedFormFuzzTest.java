package dev.gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.testkit.EscapedBytes;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for application/x-www-form-urlencoded decoding: arbitrary bytes go through
 * {@link FormDecoder#decode} as a form body (at most {@link #MAX_FIELDS} fields) and through
 * {@link FormDecoder#decodeQuery} as a query string (the environ's ISO-8859-1 characters).
 *
 * <p>The only allowed outcomes are the fields or a 400 / 413 {@link HttpError}; any other
 * exception is a bug, and so is a decoded form with more fields than the limit or than the input
 * has non-empty {@code &} segments, a form that does not survive re-encoding with
 * {@link URLEncoder}, a field that the JDK's {@link URLDecoder} reads differently (for ASCII
 * input; where this decoder accepts, the JDK must agree), or a query string decoded differently
 * from the same bytes as a body. Work per input is bounded by its length.
 *
 * <p>In a normal {@code ./mvnw test} this runs in regression mode: once per seed in
 * {@code src/test/resources/dev/gatehouse/web/UrlEncodedFormFuzzTestInputs/decodesOrRejects/}.
 * To fuzz for real (coverage-guided; the corpus goes to {@code web/.cifuzz-corpus/}):
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl web test -Dtest=UrlEncodedFormFuzzTest
 * JAZZER_FUZZ=1 ./mvnw -pl web test -Dtest=UrlEncodedFormFuzzTest -Djazzer.max_duration=30m
 * </pre>
 */
class UrlEncodedFormFuzzTest {
    private static final int MAX_FIELDS = 8;
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();

    @FuzzTest(maxDuration = "2m")
    @DictionaryFile(resourcePath = "UrlEncodedFormFuzzTest.dict")
    void decodesOrRejects(byte[] input) {
        if (FUZZING) check(input);
        else assertTimeoutPreemptively(HANG_GUARD, () -> check(input), "the form decoder hangs on this input");
    }

    private static void check(byte[] input) {
        String body = transcript(input, MAX_FIELDS);
        String query;
        try {
            FormData q = new FormData();
            FormDecoder.decodeQuery(new String(input, StandardCharsets.ISO_8859_1), q);
            query = describe(q);
        } catch (HttpError e) {
            query = rejected(e).replace("the query string", "the form body"); // the same rejection, naming where
        }
        String unlimited = transcript(input, Integer.MAX_VALUE);
        if (!query.equals(unlimited)) throw new AssertionError("query string " + quote(input) + ": " + query + ", as a body: " + unlimited);
        if (body.startsWith("[") && !body.equals(unlimited)) throw new AssertionError("the field limit changed a form within it: " + quote(input));
    }

    /** The fields decoded from the bytes, checked, or the rejection. */
    private static String transcript(byte[] input, int maxFields) {
        FormData form = new FormData();
        try {
            FormDecoder.decode(input, input.length, "form body", form, maxFields);
        } catch (HttpError e) {
            return rejected(e);
        }
        List<String[]> pairs = pairs(form);
        if (pairs.size() > maxFields || pairs.size() > segments(input)) {
            throw new AssertionError(pairs.size() + " fields from " + segments(input) + " segments: " + quote(input));
        }
        checkAgainstTheJdk(input, form);
        List<String> encoded = new ArrayList<>();
        for (String[] p : pairs) encoded.add(URLEncoder.encode(p[0], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(p[1], StandardCharsets.UTF_8));
        byte[] again = String.join("&", encoded).getBytes(StandardCharsets.US_ASCII);
        FormData back = new FormData();
        FormDecoder.decode(again, again.length, "form body", back, Integer.MAX_VALUE);
        if (!describe(back).equals(describe(form))) throw new AssertionError("the form does not survive re-encoding: " + quote(input));
        return describe(form);
    }

    /** For ASCII input, each field as {@link URLDecoder} reads it, in order, must be what this decoder read. */
    private static void checkAgainstTheJdk(byte[] input, FormData form) {
        for (byte b : input) {
            if (b < 0) return;
        }
        FormData jdk = new FormData();
        for (String segment : new String(input, StandardCharsets.US_ASCII).split("&")) {
            if (segment.isEmpty()) continue;
            int eq = segment.indexOf('=');
            jdk.add(URLDecoder.decode(eq < 0 ? segment : segment.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(segment.substring(eq + 1), StandardCharsets.UTF_8));
        }
        if (!describe(jdk).equals(describe(form))) {
            throw new AssertionError(quote(input) + " decoded as " + describe(form) + ", the JDK reads " + describe(jdk));
        }
    }

    private static List<String[]> pairs(FormData form) {
        List<String[]> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : form.allValues().entrySet()) {
            for (String v : e.getValue()) out.add(new String[] {e.getKey(), v});
        }
        return out;
    }

    private static String describe(FormData form) {
        StringBuilder b = new StringBuilder("[");
        for (String[] p : pairs(form)) b.append(p[0]).append('\u0000').append(p[1]).append('\u0001');
        return b.append(']').toString();
    }

    private static String rejected(HttpError e) {
        if (e.status() != 400 && e.status() != 413) throw new AssertionError("unexpected status " + e.status(), e);
        return e.status() + " " + e.getMessage();
    }

    private static int segments(byte[] input) {
        int n = 0;
        int start = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == '&') {
                if (i > start) n++;
                start = i + 1;
            }
        }
        return n;
    }

    private static String quote(byte[] input) {
        return "\"" + EscapedBytes.abbreviate(input, 200) + "\"";
    }
}
