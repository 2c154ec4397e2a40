package dev.gatehouse.fastcgi.codec;

import dev.gatehouse.testkit.PieceInput;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Fuzz target for the FastCGI codec: arbitrary bytes go through {@link FcgiRecordDecoder}, and the
 * contents of PARAMS and GET_VALUES records through {@link FcgiParamsDecoder} (one per request id,
 * small limits), the way a server drives them.
 *
 * <p>The only allowed outcomes are records, a clean end (null) or an {@link FcgiException}; any other
 * exception, a broken invariant (a record the decoder should have refused, params over their limits,
 * a record or params map that does not survive re-encoding), a different outcome under another
 * segmentation of the same bytes, or a hang is a bug. Work per input is bounded by its length: every
 * record consumes at least its 8-byte header, and the params decoders hold at most
 * {@link #MAX_PARAMS_BYTES} each. A hang fails a regression run after {@link #HANG_GUARD} (a guard,
 * not a timing check); while fuzzing, libFuzzer's own per-input timeout applies.
 *
 * <p>In a normal {@code ./mvnw test} this runs in regression mode: once per seed in
 * {@code src/test/resources/dev/gatehouse/fastcgi/codec/FcgiRecordDecoderFuzzTestInputs/decodesOrRejects/}
 * (where Jazzer also saves any crashing input it finds, so that it becomes a regression test).
 * To fuzz for real (libFuzzer-driven, coverage-guided; the generated corpus goes to
 * {@code fastcgi/.cifuzz-corpus/}, not under version control):
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl fastcgi test -Dtest=FcgiRecordDecoderFuzzTest
 * JAZZER_FUZZ=1 ./mvnw -pl fastcgi test -Dtest=FcgiRecordDecoderFuzzTest -Djazzer.max_duration=30m
 * </pre>
 * The first runs for the {@code maxDuration} below; the second for as long as it says.
 */
class FcgiRecordDecoderFuzzTest {
    private static final int MAX_PARAMS_BYTES = 512;
    private static final int MAX_PAIRS = 8;
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();

    @FuzzTest(maxDuration = "2m")
    @DictionaryFile(resourcePath = "FcgiRecordDecoderFuzzTest.dict")
    void decodesOrRejects(byte[] input) throws IOException {
        if (FUZZING) check(input);
        else assertTimeoutPreemptively(HANG_GUARD, () -> check(input), "the decoders hang on this input");
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

    /** What the decoders make of the bytes: each record, each finished params map, then how it ended. */
    private static String transcript(InputStream in) throws IOException {
        FcgiRecordDecoder decoder = new FcgiRecordDecoder(in);
        Map<Integer, FcgiParamsDecoder> params = new HashMap<>();
        StringBuilder out = new StringBuilder();
        try {
            for (FcgiRecord r; (r = decoder.next()) != null; ) {
                checkRecord(r);
                out.append(r.type()).append('/').append(r.requestId()).append('/').append(Arrays.hashCode(r.content())).append(' ');
                if (r.knownType() == FcgiRecordType.PARAMS) {
                    FcgiParamsDecoder p = params.computeIfAbsent(r.requestId(), id -> new FcgiParamsDecoder(MAX_PARAMS_BYTES, MAX_PAIRS));
                    if (!r.endsStream()) {
                        p.feed(r.content());
                        continue;
                    }
                    params.remove(r.requestId());
                    out.append(checkParams(p.finish())).append(' ');
                } else if (r.knownType() == FcgiRecordType.GET_VALUES || r.knownType() == FcgiRecordType.GET_VALUES_RESULT) {
                    FcgiParamsDecoder p = new FcgiParamsDecoder(MAX_PARAMS_BYTES, MAX_PAIRS);
                    p.feed(r.content());
                    out.append(checkParams(p.finish())).append(' ');
                }
            }
            return out.append("end").toString();
        } catch (FcgiException e) {
            if (e.status() < 400 || e.status() > 599) throw new AssertionError("not an error status: " + e.status(), e);
            return out.append(e.status()).append(' ').append(e.getMessage()).toString();
        }
    }

    private static void checkRecord(FcgiRecord r) throws IOException {
        check(r.type() >= 0 && r.type() <= 255, "type out of range", r);
        check(r.requestId() >= 0 && r.requestId() <= 0xFFFF, "request id out of range", r);
        check(r.content().length <= FcgiRecord.MAX_CONTENT, "content over 65535 bytes", r);
        FcgiRecordType t = r.knownType();
        check(t == null || t.code == r.type(), "known type does not match the code", r);
        if (t == FcgiRecordType.BEGIN_REQUEST || t == FcgiRecordType.END_REQUEST || t == FcgiRecordType.UNKNOWN_TYPE) {
            check(r.content().length == 8, "fixed body not 8 bytes", r);
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        FcgiRecordEncoder.writeOne(again, r.type(), r.requestId(), r.content(), 0, r.content().length);
        FcgiRecord back = new FcgiRecordDecoder(PieceInput.whole(again.toByteArray())).next();
        check(back.type() == r.type() && back.requestId() == r.requestId() && Arrays.equals(back.content(), r.content()),
            "record does not survive re-encoding", r);
    }

    private static String checkParams(Map<String, String> pairs) throws FcgiException {
        if (pairs.size() > MAX_PAIRS) throw new AssertionError("more pairs than the limit: " + pairs.size());
        long bytes = 0;
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            if (e.getKey().isEmpty()) throw new AssertionError("empty name accepted");
            if (!latin1(e.getKey()) || !latin1(e.getValue())) throw new AssertionError("a character outside ISO-8859-1");
            bytes += e.getKey().length() + e.getValue().length();
        }
        if (bytes > MAX_PARAMS_BYTES) throw new AssertionError("more params bytes than the limit: " + bytes);
        FcgiParamsDecoder again = new FcgiParamsDecoder(Integer.MAX_VALUE, Integer.MAX_VALUE);
        again.feed(FcgiParams.encode(pairs));
        if (!again.finish().equals(pairs)) throw new AssertionError("params do not survive re-encoding: " + pairs);
        return pairs.toString();
    }

    private static boolean latin1(String s) {
        return StandardCharsets.ISO_8859_1.newEncoder().canEncode(s);
    }

    private static void check(boolean ok, String what, FcgiRecord r) {
        if (!ok) throw new AssertionError(what + ": " + r);
    }
}
