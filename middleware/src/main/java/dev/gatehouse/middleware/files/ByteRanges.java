package dev.gatehouse.middleware.files;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code Range} header (RFC 9110 section 14.1.1, 14.2) applied to a file of known length.
 * Parsing is strict and bounded: at most {@code maxRanges} range specs are read, digits are
 * ASCII only, numbers saturate instead of overflowing. What each request gets:
 * <ul>
 *   <li>{@link Full}: the header is ignored and the whole file sent (200): a unit other than
 *       {@code bytes}, a malformed range set, more ranges than allowed, overlapping ranges
 *       (nginx sends the whole file when the ranges add up to more than it), or an empty file;</li>
 *   <li>{@link Unsatisfiable}: no range overlaps the file (416);</li>
 *   <li>{@link Partial}: the satisfiable ranges in the order asked for (206).</li>
 * </ul>
 */
final class ByteRanges {
    private ByteRanges() {
    }

    /** One satisfiable range, both ends inclusive, as {@code Content-Range} writes it. */
    record Range(long first, long last) {
        long length() {
            return last - first + 1;
        }

        String contentRange(long size) {
            return "bytes " + first + "-" + last + "/" + size;
        }
    }

    sealed interface Outcome permits Full, Unsatisfiable, Partial {
    }

    record Full(String why) implements Outcome {
    }

    record Unsatisfiable() implements Outcome {
    }

    record Partial(List<Range> ranges) implements Outcome {
    }

    private static final long SATURATED = Long.MAX_VALUE;

    static Outcome evaluate(String header, long size, int maxRanges) {
        String value = header.strip();
        if (value.length() < 6 || !value.regionMatches(true, 0, "bytes=", 0, 6)) return new Full("not a bytes range");
        if (size == 0) return new Full("empty file");
        List<Range> ranges = new ArrayList<>();
        int specs = 0;
        int i = 6;
        int n = value.length();
        while (i < n) {
            char c = value.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') { // empty list elements and OWS are allowed (RFC 9110 5.6.1)
                i++;
                continue;
            }
            if (++specs > maxRanges) return new Full("more than " + maxRanges + " ranges");
            long first = -1;
            int firstStart = i;
            if (c != '-') {
                while (i < n && isDigit(value.charAt(i))) i++;
                if (i == firstStart) return new Full("malformed range");
                first = number(value, firstStart, i);
            }
            int firstEnd = i;
            if (i >= n || value.charAt(i) != '-') return new Full("malformed range");
            i++;
            int start = i;
            while (i < n && isDigit(value.charAt(i))) i++;
            long last = i == start ? -1 : number(value, start, i);
            // Both saturated: compare them exactly, so that "last before first" stays malformed (200), not 416.
            if (first == SATURATED && last == SATURATED
                    && new BigInteger(value.substring(start, i)).compareTo(new BigInteger(value.substring(firstStart, firstEnd))) < 0) {
                return new Full("malformed range (last before first)");
            }
            while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) i++;
            if (i < n && value.charAt(i) != ',') return new Full("malformed range");
            if (first < 0) { // suffix-range: the last N bytes
                if (last < 0) return new Full("malformed range");
                if (last > 0) ranges.add(new Range(Math.max(0, size - last), size - 1));
            } else {
                if (last >= 0 && last < first) return new Full("malformed range (last before first)");
                if (first < size) ranges.add(new Range(first, last < 0 || last >= size ? size - 1 : last));
            }
        }
        if (specs == 0) return new Full("malformed range");
        if (ranges.isEmpty()) return new Unsatisfiable();
        if (overlap(ranges)) return new Full("overlapping ranges");
        return new Partial(List.copyOf(ranges));
    }

    private static boolean overlap(List<Range> ranges) {
        if (ranges.size() < 2) return false;
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(Range::first));
        for (int k = 1; k < sorted.size(); k++) {
            if (sorted.get(k).first() <= sorted.get(k - 1).last()) return true;
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static long number(String s, int from, int to) {
        long n = 0;
        for (int k = from; k < to; k++) {
            int d = s.charAt(k) - '0';
            if (n > (SATURATED - d) / 10) return SATURATED;
            n = n * 10 + d;
        }
        return n;
    }
}
