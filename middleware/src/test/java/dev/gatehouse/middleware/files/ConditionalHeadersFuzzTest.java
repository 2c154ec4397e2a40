package dev.gatehouse.middleware.files;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.testkit.EscapedBytes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzz target for the parsers behind the conditional headers of the static files mount: the
 * input, read as ISO-8859-1 the way header values reach the environ, goes through
 * {@link EntityTags} as an {@code If-Match} / {@code If-None-Match} / {@code If-Range} list
 * (against a plain, a coded and no entity tag) and through {@link HttpDates#parse} as an
 * {@code If-Modified-Since} date.
 *
 * <p>Nothing may throw. Entity tags: a strong match implies a weak one, and both agree with
 * {@link #referenceMatch}, an independent regular-expression reading of RFC 9110 section 8.8.3
 * ({@code *} or a list of {@code [W/]"etagc*"}; a malformed list matches nothing past where it
 * breaks, so a matching tag right before the break still counts). Dates: a parsed date lies in
 * years 0..9999, survives {@link HttpDates#format} and parsing again, and an IMF-fixdate formats
 * back to the very text given (the day name aside, which recipients do not check). Work per input
 * is bounded by its length.
 *
 * <p>In a normal {@code ./mvnw test} this runs in regression mode: once per seed in
 * {@code src/test/resources/dev/gatehouse/middleware/files/ConditionalHeadersFuzzTestInputs/parsesTagsAndDates/}.
 * To fuzz for real (coverage-guided; the corpus goes to {@code middleware/.cifuzz-corpus/}):
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl middleware test -Dtest=ConditionalHeadersFuzzTest
 * JAZZER_FUZZ=1 ./mvnw -pl middleware test -Dtest=ConditionalHeadersFuzzTest -Djazzer.max_duration=30m
 * </pre>
 */
class ConditionalHeadersFuzzTest {
    private static final String[] TAGS = {EntityTags.of(0x5f3e1a2b, 0x1a, null), EntityTags.of(1, 2, "gzip"), null};
    private static final long YEAR_0 = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long YEAR_10000 = LocalDateTime.of(10000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();
    /** One list element: separators, then {@code [W/]"..."}. */
    private static final Pattern ELEMENT = Pattern.compile("[ \t,]*(W/)?\"([^\"]*)\"");
    /** What must follow an element that did not match: OWS up to a comma or the end. */
    private static final Pattern AFTER = Pattern.compile("[ \t]*(?=,|\\z)");
    private static final Pattern ETAGC = Pattern.compile("[\\x21\\x23-\\x7E\\x80-\\xFF]*");

    @FuzzTest(maxDuration = "2m")
    @DictionaryFile(resourcePath = "ConditionalHeadersFuzzTest.dict")
    void parsesTagsAndDates(byte[] input) {
        if (FUZZING) check(input);
        else assertTimeoutPreemptively(HANG_GUARD, () -> check(input), "the conditional header parsers hang on this input");
    }

    private static void check(byte[] input) {
        String value = new String(input, StandardCharsets.ISO_8859_1);
        EntityTags.isTag(value);
        for (String tag : TAGS) {
            boolean weak = EntityTags.weakMatch(value, tag);
            boolean strong = EntityTags.strongMatch(value, tag);
            if (strong && !weak) throw new AssertionError("strong but no weak match of " + tag + " in " + quote(value));
            if (weak != referenceMatch(value, tag, false) || strong != referenceMatch(value, tag, true)) {
                throw new AssertionError("match of " + tag + " in " + quote(value) + ": weak " + weak + ", strong " + strong
                        + "; RFC 9110 says weak " + referenceMatch(value, tag, false) + ", strong " + referenceMatch(value, tag, true));
            }
        }
        checkDate(value);
    }

    private static boolean referenceMatch(String header, String etag, boolean strong) {
        String list = header.strip();
        if (list.equals("*")) return true;
        if (etag == null) return false;
        Matcher m = ELEMENT.matcher(list);
        Matcher after = AFTER.matcher(list);
        for (int at = 0; at < list.length(); at = after.end()) {
            m.region(at, list.length());
            if (!m.lookingAt() || !ETAGC.matcher(m.group(2)).matches()) return false;
            boolean weak = m.group(1) != null;
            if (("\"" + m.group(2) + "\"").equals(etag) && !(strong && weak)) return true;
            after.region(m.end(), list.length());
            if (!after.lookingAt()) return false;
        }
        return false;
    }

    private static void checkDate(String value) {
        long t = HttpDates.parse(value);
        if (t == HttpDates.INVALID) return;
        if (t < YEAR_0 || t >= YEAR_10000) throw new AssertionError("date out of years 0..9999: " + t + " from " + quote(value));
        String formatted = HttpDates.format(t);
        if (HttpDates.parse(formatted) != t) throw new AssertionError(quote(value) + " is " + t + ", formatted " + formatted + " is not");
        String s = value.strip();
        if (s.indexOf(',') == 3 && !formatted.substring(3).equals(s.substring(3))) {
            throw new AssertionError("IMF-fixdate " + quote(value) + " parsed as " + formatted);
        }
    }

    private static String quote(String s) {
        return "\"" + EscapedBytes.abbreviate(s.getBytes(StandardCharsets.ISO_8859_1), 200) + "\"";
    }
}
