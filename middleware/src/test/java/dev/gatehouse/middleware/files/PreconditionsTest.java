package dev.gatehouse.middleware.files;

import static dev.gatehouse.middleware.files.Preconditions.Result.FAILED;
import static dev.gatehouse.middleware.files.Preconditions.Result.NOT_MODIFIED;
import static dev.gatehouse.middleware.files.Preconditions.Result.PROCEED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.Environ;
import org.junit.jupiter.api.Test;

class PreconditionsTest {
    private static final String TAG = "\"a-1\"";
    private static final long MTIME = 784111777L;
    private static final String AT = "Sun, 06 Nov 1994 08:49:37 GMT";
    private static final String BEFORE = "Sun, 06 Nov 1994 08:49:36 GMT";
    private static final String AFTER = "Sun, 06 Nov 1994 08:49:38 GMT";

    private static Environ env(String... headers) {
        Environ e = new Environ();
        for (int i = 0; i < headers.length; i += 2) e.put("HTTP_" + headers[i].toUpperCase().replace('-', '_'), headers[i + 1]);
        return e;
    }

    private static Preconditions.Result eval(String... headers) {
        return Preconditions.evaluate(env(headers), TAG, MTIME);
    }

    @Test
    void noConditionsProceed() {
        assertThat(eval()).isEqualTo(PROCEED);
    }

    @Test
    void ifMatchNeedsAStrongMatch() {
        assertThat(eval("If-Match", TAG)).isEqualTo(PROCEED);
        assertThat(eval("If-Match", "*")).isEqualTo(PROCEED);
        assertThat(eval("If-Match", "\"other\"")).isEqualTo(FAILED);
        assertThat(eval("If-Match", "W/" + TAG)).isEqualTo(FAILED);
    }

    @Test
    void ifUnmodifiedSinceFailsForANewerFile() {
        assertThat(eval("If-Unmodified-Since", AT)).isEqualTo(PROCEED);
        assertThat(eval("If-Unmodified-Since", AFTER)).isEqualTo(PROCEED);
        assertThat(eval("If-Unmodified-Since", BEFORE)).isEqualTo(FAILED);
        assertThat(eval("If-Unmodified-Since", "not a date")).isEqualTo(PROCEED);
    }

    @Test
    void ifMatchTakesPrecedenceOverIfUnmodifiedSince() {
        assertThat(eval("If-Match", TAG, "If-Unmodified-Since", BEFORE)).isEqualTo(PROCEED);
    }

    @Test
    void ifNoneMatchUsesTheWeakComparison() {
        assertThat(eval("If-None-Match", TAG)).isEqualTo(NOT_MODIFIED);
        assertThat(eval("If-None-Match", "W/" + TAG)).isEqualTo(NOT_MODIFIED);
        assertThat(eval("If-None-Match", "*")).isEqualTo(NOT_MODIFIED);
        assertThat(eval("If-None-Match", "\"other\"")).isEqualTo(PROCEED);
    }

    @Test
    void ifModifiedSinceIsNotModifiedAtOrAfterTheFileTime() {
        assertThat(eval("If-Modified-Since", AT)).isEqualTo(NOT_MODIFIED);
        assertThat(eval("If-Modified-Since", AFTER)).isEqualTo(NOT_MODIFIED);
        assertThat(eval("If-Modified-Since", BEFORE)).isEqualTo(PROCEED);
        assertThat(eval("If-Modified-Since", "garbage")).isEqualTo(PROCEED);
    }

    @Test
    void ifNoneMatchTakesPrecedenceOverIfModifiedSince() {
        assertThat(eval("If-None-Match", "\"other\"", "If-Modified-Since", AFTER)).isEqualTo(PROCEED);
    }

    @Test
    void aFailedIfMatchWinsOverIfNoneMatch() {
        assertThat(eval("If-Match", "\"other\"", "If-None-Match", TAG)).isEqualTo(FAILED);
    }

    @Test
    void withoutEtagsOnlyTheStarMatches() {
        assertThat(Preconditions.evaluate(env("If-None-Match", TAG), null, MTIME)).isEqualTo(PROCEED);
        assertThat(Preconditions.evaluate(env("If-Match", TAG), null, MTIME)).isEqualTo(FAILED);
        assertThat(Preconditions.evaluate(env("If-Match", "*"), null, MTIME)).isEqualTo(PROCEED);
    }

    @Test
    void ifRangeWithATagNeedsAStrongMatch() {
        assertThat(Preconditions.rangeApplies(env(), TAG, MTIME)).isTrue();
        assertThat(Preconditions.rangeApplies(env("If-Range", TAG), TAG, MTIME)).isTrue();
        assertThat(Preconditions.rangeApplies(env("If-Range", "W/" + TAG), TAG, MTIME)).isFalse();
        assertThat(Preconditions.rangeApplies(env("If-Range", "\"old\""), TAG, MTIME)).isFalse();
        assertThat(Preconditions.rangeApplies(env("If-Range", TAG), null, MTIME)).isFalse();
    }

    @Test
    void ifRangeWithADateNeedsTheExactLastModified() {
        assertThat(Preconditions.rangeApplies(env("If-Range", AT), TAG, MTIME)).isTrue();
        assertThat(Preconditions.rangeApplies(env("If-Range", AFTER), TAG, MTIME)).isFalse();
        assertThat(Preconditions.rangeApplies(env("If-Range", BEFORE), TAG, MTIME)).isFalse();
        assertThat(Preconditions.rangeApplies(env("If-Range", "tomorrow"), TAG, MTIME)).isFalse();
    }
}
