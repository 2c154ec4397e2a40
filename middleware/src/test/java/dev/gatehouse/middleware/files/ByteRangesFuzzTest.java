package dev.gatehouse.middleware.files;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.testkit.EscapedBytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fuzz target for the {@code Range} header of the static files mount: the input, read as
 * ISO-8859-1 the way header values reach the environ, goes through {@link ByteRanges#evaluate}
 * against files of several sizes (empty, tiny, and {@link Long#MAX_VALUE}, where the saturating
 * arithmetic matters), with {@link #MAX_RANGES} ranges allowed.
 *
 * <p>Nothing may throw. A {@link ByteRanges.Partial} must hold 1 to {@link #MAX_RANGES} ranges,
 * each inside the file ({@code 0 <= first <= last < size}), none overlapping another, and a
 * {@code Content-Range} that names exactly them. Every outcome is cross-checked against
 * {@link #reference}, an independent reading of RFC 9110 section 14.1.1 with regular expressions
 * and exact ({@link BigInteger}) numbers; the two must agree on 200, 416 or the very ranges.
 * Work per input is bounded by its length.
 *
 * <p>In a normal {@code ./mvnw test} this runs in regression mode: once per seed in
 * {@code src/test/resources/dev/gatehouse/middleware/files/ByteRangesFuzzTestInputs/evaluatesWithinTheFile/}.
 * To fuzz for real (coverage-guided; the corpus goes to {@code middleware/.cifuzz-corpus/}):
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl middleware test -Dtest=ByteRangesFuzzTest
 * JAZZER_FUZZ=1 ./mvnw -pl middleware test -Dtest=ByteRangesFuzzTest -Djazzer.max_duration=30m
 * </pre>
 */
class ByteRangesFuzzTest {
    private static final int MAX_RANGES = 4;
    private static final long[] SIZES = {0, 1, 10, 1000, Long.MAX_VALUE};
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();
    private static final Pattern SPEC = Pattern.compile("([0-9]*)-([0-9]*)");

    @FuzzTest(maxDuration = "2m")
    @DictionaryFile(resourcePath = "ByteRangesFuzzTest.dict")
    void evaluatesWithinTheFile(byte[] input) {
        if (FUZZING) check(input);
        else assertTimeoutPreemptively(HANG_GUARD, () -> check(input), "evaluating the Range header hangs on this input");
    }

    private static void check(byte[] input) {
        String header = new String(input, StandardCharsets.ISO_8859_1);
        for (long size : SIZES) {
            ByteRanges.Outcome outcome = ByteRanges.evaluate(header, size, MAX_RANGES);
            if (outcome instanceof ByteRanges.Partial p) checkInsideTheFile(p.ranges(), size, header);
            String got = describe(outcome);
            String expected = reference(header, size);
            if (!got.equals(expected)) {
                throw new AssertionError("Range " + quote(header) + " on " + size + " bytes: " + got + ", but RFC 9110 says " + expected);
            }
        }
    }

    private static void checkInsideTheFile(List<ByteRanges.Range> ranges, long size, String header) {
        if (ranges.isEmpty() || ranges.size() > MAX_RANGES) throw new AssertionError(ranges.size() + " ranges for " + quote(header));
        for (ByteRanges.Range r : ranges) {
            if (r.first() < 0 || r.first() > r.last() || r.last() >= size || r.length() < 1) {
                throw new AssertionError("range " + r + " not inside a file of " + size + " bytes: " + quote(header));
            }
            if (!r.contentRange(size).equals("bytes " + r.first() + "-" + r.last() + "/" + size)) {
                throw new AssertionError("Content-Range " + r.contentRange(size) + " for " + r);
            }
            for (ByteRanges.Range other : ranges) {
                if (other != r && other.first() <= r.last() && r.first() <= other.last()) {
                    throw new AssertionError("overlapping ranges " + r + " and " + other + " for " + quote(header));
                }
            }
        }
    }

    private static String describe(ByteRanges.Outcome outcome) {
        return switch (outcome) {
            case ByteRanges.Full f -> "200";
            case ByteRanges.Unsatisfiable u -> "416";
            case ByteRanges.Partial p -> {
                StringBuilder b = new StringBuilder("206");
                for (ByteRanges.Range r : p.ranges()) b.append(' ').append(r.first()).append('-').append(r.last());
                yield b.toString();
            }
        };
    }

    /**
     * RFC 9110 section 14.1.1 read independently: {@code bytes=} (any case) and a comma-separated
     * list of {@code first-last}, {@code first-} or {@code -suffix} with OWS around the elements;
     * anything malformed, too many ranges, overlapping ranges or an empty file: 200; no range
     * overlapping the file: 416.
     */
    private static String reference(String header, long size) {
        String value = header.strip();
        if (!value.toLowerCase(java.util.Locale.ROOT).startsWith("bytes=") || size == 0) return "200";
        BigInteger length = BigInteger.valueOf(size);
        List<BigInteger[]> ranges = new ArrayList<>();
        int specs = 0;
        for (String element : value.substring(6).split(",", -1)) {
            String spec = element.replaceAll("^[ \t]+|[ \t]+$", "");
            if (spec.isEmpty()) continue;
            Matcher m = SPEC.matcher(spec);
            if (++specs > MAX_RANGES || !m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) return "200";
            BigInteger first = m.group(1).isEmpty() ? null : new BigInteger(m.group(1));
            BigInteger last = m.group(2).isEmpty() ? null : new BigInteger(m.group(2));
            if (first == null) {
                if (last.signum() > 0) ranges.add(new BigInteger[] {length.subtract(last).max(BigInteger.ZERO), length.subtract(BigInteger.ONE)});
            } else {
                if (last != null && last.compareTo(first) < 0) return "200";
                if (first.compareTo(length) < 0) ranges.add(new BigInteger[] {first, last == null ? length.subtract(BigInteger.ONE) : last.min(length.subtract(BigInteger.ONE))});
            }
        }
        if (specs == 0) return "200";
        if (ranges.isEmpty()) return "416";
        for (BigInteger[] a : ranges) {
            for (BigInteger[] b : ranges) {
                if (a != b && a[0].compareTo(b[1]) <= 0 && b[0].compareTo(a[1]) <= 0) return "200";
            }
        }
        StringBuilder b = new StringBuilder("206");
        for (BigInteger[] r : ranges) b.append(' ').append(r[0]).append('-').append(r[1]);
        return b.toString();
    }

    private static String quote(String s) {
        return "\"" + EscapedBytes.abbreviate(s.getBytes(StandardCharsets.ISO_8859_1), 200) + "\"";
    }
}
