package dev.gatehouse.scgi.codec;

import dev.gatehouse.testkit.PieceInput;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Fuzz target for the SCGI header decoder: arbitrary bytes go through {@link ScgiRequestDecoder}
 * (a small limit, strict and merging), as many headers as the bytes hold, the way a server would
 * read them if each header's body were empty.
 *
 * <p>The only allowed outcomes are headers, a clean end (null) or an {@link ScgiException}; any
 * other exception, a broken invariant (a header the decoder should have refused, one over the
 * limit, one that does not survive re-encoding, a read past the netstring's comma), a different
 * outcome under another segmentation of the same bytes, or a hang is a bug. Work per input is
 * bounded by its length. A hang fails a regression run after {@link #HANG_GUARD} (a guard, not a
 * timing check); while fuzzing, libFuzzer's own per-input timeout applies.
 *
 * <p>In a normal {@code ./mvnw test} this runs in regression mode: once per seed in
 * {@code src/test/resources/dev/gatehouse/scgi/codec/ScgiRequestDecoderFuzzTestInputs/decodesOrRejects/}
 * (where Jazzer also saves any crashing input it finds, so that it becomes a regression test).
 * To fuzz for real (libFuzzer-driven, coverage-guided; the generated corpus goes to
 * {@code scgi/.cifuzz-corpus/}, not under version control):
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl scgi test -Dtest=ScgiRequestDecoderFuzzTest
 * JAZZER_FUZZ=1 ./mvnw -pl scgi test -Dtest=ScgiRequestDecoderFuzzTest -Djazzer.max_duration=30m
 * </pre>
 */
class ScgiRequestDecoderFuzzTest {
    private static final int MAX_HEAD_BYTES = 512;
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();

    @FuzzTest(maxDuration = "2m")
    @DictionaryFile(resourcePath = "ScgiRequestDecoderFuzzTest.dict")
    void decodesOrRejects(byte[] input) throws IOException {
        if (FUZZING) check(input);
        else assertTimeoutPreemptively(HANG_GUARD, () -> check(input), "the decoder hangs on this input");
    }

    private static void check(byte[] input) throws IOException {
        for (boolean merge : new boolean[] {false, true}) {
            String whole = transcript(PieceInput.whole(input), merge);
            String bytewise = transcript(PieceInput.pieces(input, 1), merge);
            String pieces = transcript(PieceInput.random(input, Arrays.hashCode(input), 13), merge);
            if (!whole.equals(bytewise) || !whole.equals(pieces)) {
                throw new AssertionError("the outcome depends on the segmentation (merge " + merge + "):\nwhole:     " + whole
                        + "\nbytewise:  " + bytewise + "\npieces:    " + pieces);
            }
        }
    }

    /** What the decoder makes of the bytes: each header, then how it ended. */
    private static String transcript(PieceInput in, boolean merge) throws IOException {
        ScgiRequestDecoder decoder = new ScgiRequestDecoder(MAX_HEAD_BYTES, merge);
        StringBuilder out = new StringBuilder();
        try {
            int before = in.remaining();
            for (SequencedMap<String, String> vars; (vars = decoder.decode(in)) != null; before = in.remaining()) {
                checkHeader(vars, before - in.remaining(), merge);
                out.append(vars).append(' ');
            }
            return out.append("end").toString();
        } catch (ScgiException e) {
            if (e.status() != 400 && e.status() != 413 && e.status() != 431) throw new AssertionError("unexpected status " + e.status(), e);
            return out.append(e.status()).append(' ').append(e.getMessage()).toString();
        }
    }

    private static void checkHeader(SequencedMap<String, String> vars, int consumed, boolean merge) throws IOException {
        Map.Entry<String, String> first = vars.firstEntry();
        if (!first.getKey().equals("CONTENT_LENGTH")) throw new AssertionError("CONTENT_LENGTH not first: " + vars);
        String length = first.getValue();
        if (length.isEmpty() || length.length() > 18 || !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new AssertionError("CONTENT_LENGTH accepted that is not 1 to 18 ASCII digits: " + length);
        }
        if (!"1".equals(vars.get("SCGI"))) throw new AssertionError("accepted without SCGI=1: " + vars);
        int bytes = 0;
        for (Map.Entry<String, String> e : vars.entrySet()) {
            if (e.getKey().isEmpty()) throw new AssertionError("empty name accepted");
            if (!latin1WithoutNul(e.getKey()) || !latin1WithoutNul(e.getValue())) throw new AssertionError("a NUL or a char outside ISO-8859-1");
            bytes += e.getKey().length() + e.getValue().length() + 2;
        }
        // unmerged, the netstring is exactly the pairs: "LEN:" pairs ","
        if (!merge && consumed != Integer.toString(bytes).length() + 1 + bytes + 1) {
            throw new AssertionError("consumed " + consumed + " bytes for a header of " + bytes);
        }
        if (consumed > Integer.toString(MAX_HEAD_BYTES).length() + 1 + MAX_HEAD_BYTES + 1) throw new AssertionError("a header over the limit");
        // the encoder writes the length in its shortest form: "08" (digits, as the spec allows) comes back as "8"
        byte[] again = ScgiRequestEncoder.encode(vars, Long.parseLong(length));
        SequencedMap<String, String> back = new ScgiRequestDecoder(Integer.MAX_VALUE).decode(PieceInput.whole(again));
        Map<String, String> expected = new java.util.HashMap<>(vars);
        expected.put("CONTENT_LENGTH", Long.toString(Long.parseLong(length)));
        if (!back.equals(expected)) throw new AssertionError("a header that does not survive re-encoding: " + vars);
    }

    private static boolean latin1WithoutNul(String s) {
        return s.indexOf(0) < 0 && StandardCharsets.ISO_8859_1.newEncoder().canEncode(s);
    }
}
