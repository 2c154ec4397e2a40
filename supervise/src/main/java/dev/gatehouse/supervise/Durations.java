package dev.gatehouse.supervise;

import java.time.Duration;
import java.util.Locale;

/** Durations as log lines and 503 answers show them: {@code 250 ms}, {@code 1.5 s}, {@code 600 s}. */
final class Durations {
    private Durations() {
    }

    static String human(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) return millis + " ms";
        if (millis < 10_000) return String.format(Locale.ROOT, "%.1f s", millis / 1000.0).replace(".0 s", " s");
        return (millis + 999) / 1000 + " s";
    }
}
