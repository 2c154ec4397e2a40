package dev.gatehouse.web;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatehouse.testkit.PieceInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz target for the multipart/form-data parser: arbitrary bytes go through
 * {@link MultipartParser} with small limits, the way {@link Request} drives it. An input that
 * starts with {@code ;} carries its own Content-Type parameters up to the first LF (so the
 * boundary parameter is fuzzed too); any other input is a body under the boundary {@code B}.
 *
 * <p>The only allowed outcomes are a form or a 400/413 {@link HttpError}; any other exception, a
 * broken bound (parts, text bytes, bytes held in memory, upload sizes), a temp file left behind
 * after the request's {@link TempFiles#deleteAll()}, a different outcome under another
 * segmentation of the same bytes, or a hang is a bug. Work per input is bounded by its length.
 *
 * <p>In a normal {@code ./mvnw test} this runs in regression mode: once per seed in
 * {@code src/test/resources/dev/gatehouse/web/MultipartParserFuzzTestInputs/parsesOrRejects/}.
 * To fuzz for real (coverage-guided; the corpus goes to {@code web/.cifuzz-corpus/}):
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl web test -Dtest=MultipartParserFuzzTest
 * JAZZER_FUZZ=1 ./mvnw -pl web test -Dtest=MultipartParserFuzzTest -Djazzer.max_duration=30m
 * </pre>
 */
class MultipartParserFuzzTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();
    private static final Path TEMP = createTempDir();
    private static final WebConfig LIMITS = WebConfig.defaults().withMaxFormBytes(256).withMaxParts(8)
            .withMaxPartHeaderBytes(128).withMemoryThreshold(64).withMaxUploadBytes(512).withTempDir(TEMP);

    @FuzzTest(maxDuration = "2m")
    @DictionaryFile(resourcePath = "MultipartParserFuzzTest.dict")
    void parsesOrRejects(byte[] input) {
        if (FUZZING) check(input);
        else assertTimeoutPreemptively(HANG_GUARD, () -> check(input), "the parser hangs on this input");
    }

    @AfterAll
    static void removeTempDir() throws IOException {
        Files.deleteIfExists(TEMP);
    }

    private static void check(byte[] input) {
        String contentType = "multipart/form-data; boundary=B";
        byte[] body = input;
        if (input.length > 0 && input[0] == ';') {
            int lf = indexOf(input, (byte) '\n');
            if (lf < 0) lf = input.length;
            contentType = "multipart/form-data" + new String(input, 0, lf, StandardCharsets.ISO_8859_1);
            body = Arrays.copyOfRange(input, Math.min(lf + 1, input.length), input.length);
        }
        String whole = transcript(contentType, PieceInput.whole(body));
        String bytewise = transcript(contentType, PieceInput.pieces(body, 1));
        String pieces = transcript(contentType, PieceInput.random(body, Arrays.hashCode(body), 29));
        if (!whole.equals(bytewise) || !whole.equals(pieces)) {
            throw new AssertionError("the outcome depends on the segmentation:\nwhole:     " + whole
                    + "\nbytewise:  " + bytewise + "\npieces:    " + pieces);
        }
    }

    /** What the parser makes of the body: each field and upload, or the status and message of the rejection. */
    private static String transcript(String contentType, InputStream body) {
        TempFiles tempFiles = new TempFiles(TEMP);
        try {
            FormData form = MultipartParser.parse(body, contentType, LIMITS, tempFiles);
            return describeWithinBounds(form);
        } catch (HttpError e) {
            if (e.status() != 400 && e.status() != 413) throw new AssertionError("unexpected status " + e.status(), e);
            return e.status() + " " + e.getMessage();
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory failed", e);
        } finally {
            tempFiles.deleteAll();
            if (tempFileCount() != 0) throw new AssertionError("temp files left behind after the request ended");
        }
    }

    private static String describeWithinBounds(FormData form) throws IOException {
        StringBuilder out = new StringBuilder();
        int parts = 0;
        long textBytes = 0;
        long inMemory = 0;
        int onDisk = 0;
        for (Map.Entry<String, List<String>> e : form.allValues().entrySet()) {
            for (String v : e.getValue()) {
                parts++;
                textBytes += v.getBytes(StandardCharsets.UTF_8).length;
                out.append(e.getKey()).append('=').append(v).append(' ');
            }
        }
        for (Map.Entry<String, List<Upload>> e : form.allUploads().entrySet()) {
            for (Upload u : e.getValue()) {
                parts++;
                if (u.size() > LIMITS.maxUploadBytes()) throw new AssertionError("an upload over maxUploadBytes: " + u.size());
                byte[] content;
                try (InputStream in = u.open()) {
                    content = in.readAllBytes();
                }
                if (content.length != u.size()) throw new AssertionError("size " + u.size() + " but " + content.length + " bytes");
                if (u instanceof MemoryUpload) inMemory += u.size();
                else onDisk++;
                out.append(u.fieldName()).append(":file(").append(u.fileName()).append(',').append(u.contentType()).append(',')
                        .append(Arrays.hashCode(content)).append(") ");
            }
        }
        if (parts > LIMITS.maxParts()) throw new AssertionError(parts + " parts accepted, over maxParts");
        if (textBytes > LIMITS.maxFormBytes()) throw new AssertionError(textBytes + " text bytes accepted, over maxFormBytes");
        if (inMemory > LIMITS.memoryThreshold()) throw new AssertionError(inMemory + " upload bytes held in memory, over memoryThreshold");
        if (tempFileCount() != onDisk) throw new AssertionError(tempFileCount() + " temp files for " + onDisk + " uploads on disk");
        return out.append("end").toString();
    }

    private static long tempFileCount() {
        try (Stream<Path> files = Files.list(TEMP)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length && i < 200; i++) {
            if (b[i] == x) return i;
        }
        return -1;
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("gatehouse-multipart-fuzz-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
