package dev.gatehouse.middleware.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.middleware.files.ByteRanges.Full;
import dev.gatehouse.middleware.files.ByteRanges.Outcome;
import dev.gatehouse.middleware.files.ByteRanges.Partial;
import dev.gatehouse.middleware.files.ByteRanges.Range;
import dev.gatehouse.middleware.files.ByteRanges.Unsatisfiable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangesTest {
    private static Outcome eval(String header) {
        return ByteRanges.evaluate(header, 1000, 16);
    }

    private static List<Range> ranges(String header) {
        Outcome o = eval(header);
        assertThat(o).as(header).isInstanceOf(Partial.class);
        return ((Partial) o).ranges();
    }

    @Test
    void firstAndLastPositionsAreInclusive() {
        assertThat(ranges("bytes=0-99")).containsExactly(new Range(0, 99));
        assertThat(ranges("bytes=999-999")).containsExactly(new Range(999, 999));
    }

    @Test
    void anOpenRangeRunsToTheEnd() {
        assertThat(ranges("bytes=900-")).containsExactly(new Range(900, 999));
    }

    @Test
    void aLastPositionPastTheEndIsCut() {
        assertThat(ranges("bytes=900-5000")).containsExactly(new Range(900, 999));
    }

    @Test
    void aSuffixRangeIsTheLastBytes() {
        assertThat(ranges("bytes=-100")).containsExactly(new Range(900, 999));
        assertThat(ranges("bytes=-5000")).containsExactly(new Range(0, 999));
    }

    @Test
    void severalRangesKeepTheirOrder() {
        assertThat(ranges("bytes=500-599, 0-9,-1")).containsExactly(new Range(500, 599), new Range(0, 9), new Range(999, 999));
    }

    @Test
    void unsatisfiableRangesAmongOthersAreDropped() {
        assertThat(ranges("bytes=0-9,2000-3000")).containsExactly(new Range(0, 9));
    }

    @Test
    void noSatisfiableRangeIsUnsatisfiable() {
        assertThat(eval("bytes=1000-")).isInstanceOf(Unsatisfiable.class);
        assertThat(eval("bytes=5000-6000,1000-1001")).isInstanceOf(Unsatisfiable.class);
        assertThat(eval("bytes=-0")).isInstanceOf(Unsatisfiable.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"items=0-9", "bytes=", "bytes=abc", "bytes=5-1", "bytes=--5", "bytes=1-2-3", "bytes=0-9;x",
            "bytes=+1-2", "bytes=١-٢", "bytes 0-9", "bytes=-", "bytes=0-9 x"})
    void aMalformedOrForeignHeaderIsIgnored(String header) {
        assertThat(eval(header)).as(header).isInstanceOf(Full.class);
    }

    @Test
    void theUnitIsCaseInsensitive() {
        assertThat(ranges("Bytes=0-0")).containsExactly(new Range(0, 0));
    }

    @Test
    void emptyListElementsAreAllowed() {
        assertThat(ranges("bytes=,0-1,,5-6,")).containsExactly(new Range(0, 1), new Range(5, 6));
    }

    @Test
    void moreRangesThanAllowedSendTheWholeFile() {
        StringBuilder b = new StringBuilder("bytes=");
        for (int i = 0; i < 17; i++) b.append(i * 10).append('-').append(i * 10 + 1).append(',');
        assertThat(eval(b.toString())).isInstanceOf(Full.class);
        assertThat(ByteRanges.evaluate("bytes=0-1,5-6", 1000, 1)).isInstanceOf(Full.class);
    }

    @Test
    void overlappingRangesSendTheWholeFile() {
        assertThat(eval("bytes=0-99,50-149")).isInstanceOf(Full.class);
        assertThat(eval("bytes=0-,0-")).isInstanceOf(Full.class);
        assertThat(eval("bytes=-10,995-")).isInstanceOf(Full.class);
    }

    @Test
    void hugeNumbersSaturateInsteadOfOverflowing() {
        assertThat(eval("bytes=99999999999999999999999-")).isInstanceOf(Unsatisfiable.class);
        assertThat(ranges("bytes=0-99999999999999999999999")).containsExactly(new Range(0, 999));
        assertThat(ranges("bytes=-99999999999999999999999")).containsExactly(new Range(0, 999));
    }

    @Test
    void aHugeLastBeforeAHugeFirstIsStillMalformed() {
        // found by ByteRangesFuzzTest: both saturated to Long.MAX_VALUE, "last before first" went
        // unnoticed and the request got 416 instead of the whole file
        assertThat(eval("bytes=99999999999999999999999-9999999999999999999999")).isInstanceOf(Full.class);
        assertThat(eval("bytes=99999999999999999999999-99999999999999999999999")).isInstanceOf(Unsatisfiable.class);
    }

    @Test
    void anEmptyFileIgnoresRanges() {
        assertThat(ByteRanges.evaluate("bytes=0-", 0, 16)).isInstanceOf(Full.class);
    }

    @Test
    void contentRangeIsWrittenAsTheRfcSpellsIt() {
        assertThat(new Range(0, 99).contentRange(1000)).isEqualTo("bytes 0-99/1000");
    }
}
