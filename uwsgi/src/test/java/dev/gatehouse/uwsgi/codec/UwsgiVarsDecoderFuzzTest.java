package dev.gatehouse.uwsgi.codec;

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

/**
 * Fuzz target for the uwsgi codec: arbitrary bytes are read as a server reads a request, a packet
 * header then the vars block it announces ({@link UwsgiPacketHeader#read}, then
 * {@link UwsgiVarsDecoder#read} with small limits), packet after packet until the bytes end.
 *
 * <p>The only allowed outcomes are vars maps, a clean end, or an {@link UwsgiException} with an
 * error status; any other exception, a broken invariant (vars over the limits, an empty key, a
 * character outside ISO-8859-1, vars that do not survive re-encoding), a different outcome under
 * another segmentation of the same bytes, or a hang is a bug. Work per input is bounded by its
 * length: each packet consumes its 4-byte header and its block. A hang fails a regression run after
 * {@link #HANG_GUARD} (a guard, not a timing check).
 *
 * <p>In a normal {@code ./mvnw test} this runs in regression mode, once per seed in
 * {@code src/test/resources/dev/gatehouse/uwsgi/codec/UwsgiVarsDecoderFuzzTestInputs/decodesOrRejects/}
 * (where Jazzer also saves any crashing input it finds). To fuzz for real (the corpus goes to
 * {@code uwsgi/.cifuzz-corpus/}, not under version control):
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl uwsgi test -Dtest=UwsgiVarsDecoderFuzzTest
 * JAZZER_FUZZ=1 ./mvnw -pl uwsgi test -Dtest=UwsgiVarsDecoderFuzzTest -Djazzer.max_duration=30m
 * </pre>
 */
class UwsgiVarsDecoderFuzzTest {
    private static final int MAX_BLOCK = 512;
    private static final int MAX_VARS = 8;
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();

    @FuzzTest(maxDuration = "2m")
    @DictionaryFile(resourcePath = "UwsgiVarsDecoderFuzzTest.dict")
    void decodesOrRejects(byte[] input) throws IOException {
        if (FUZZING) check(input);
        else assertTimeoutPreemptively(HANG_GUARD, () -> check(input), "the decoder hangs on this input");
    }

    private static void check(byte[] input) throws IOException {
        String whole = transcript(PieceInput.whole(input));
        String bytewise = transcript(PieceInput.pieces(input, 1));
        String pieces = transcript(PieceInput.random(input, Arrays.hashCode(input), 13));
        if (!whole.equals(bytewise) || !whole.equals(pieces)) {
            throw new AssertionError("the outcome depends on the segmentation:\nwhole:     " + whole
                    + "\nbytewise:  " + bytewise + "\npieces:    " + pieces);
        }
    }

    /** What the codec makes of the bytes: each packet's header and vars, then how it ended. */
    private static String transcript(InputStream in) throws IOException {
        UwsgiVarsDecoder decoder = new UwsgiVarsDecoder(MAX_BLOCK, MAX_VARS);
        StringBuilder out = new StringBuilder();
        try {
            for (UwsgiPacketHeader h; (h = UwsgiPacketHeader.read(in)) != null; ) {
                Map<String, String> vars = decoder.read(in, h);
                checkVars(h, vars);
                out.append(h).append(' ').append(vars).append(' ');
            }
            return out.append("end").toString();
        } catch (UwsgiException e) {
            if (e.status() < 400 || e.status() > 599) throw new AssertionError("not an error status: " + e.status(), e);
            return out.append(e.status()).append(' ').append(e.getMessage()).toString();
        }
    }

    private static void checkVars(UwsgiPacketHeader h, Map<String, String> vars) throws IOException {
        if (h.datasize() > MAX_BLOCK) throw new AssertionError("a block over the limit was read: " + h);
        if (vars.size() > MAX_VARS) throw new AssertionError("more vars than the limit: " + vars.size());
        for (Map.Entry<String, String> e : vars.entrySet()) {
            if (e.getKey().isEmpty()) throw new AssertionError("empty key accepted");
            if (!latin1(e.getKey()) || !latin1(e.getValue())) throw new AssertionError("a character outside ISO-8859-1");
        }
        byte[] again = UwsgiRequestEncoder.encode(vars, h.modifier1(), h.modifier2());
        UwsgiPacketHeader back = UwsgiPacketHeader.decode(again, 0);
        boolean combined = back.datasize() != h.datasize(); // repeated HTTP_ vars come back joined, so shorter or longer
        Map<String, String> decoded = UwsgiVarsDecoder.withDefaults().decode(again, UwsgiPacketHeader.LENGTH, back.datasize());
        if (!decoded.equals(vars)) throw new AssertionError("vars do not survive re-encoding: " + vars);
        if (!combined && !Arrays.equals(Arrays.copyOfRange(again, 0, 4), h.encode())) throw new AssertionError("header changed: " + h);
    }

    private static boolean latin1(String s) {
        return StandardCharsets.ISO_8859_1.newEncoder().canEncode(s);
    }
}
