package dev.gatehouse.core;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * What a piece of code logs: slf4j-simple (the tests' logger) writes to whatever
 * {@code System.err} is at the time of each call, so swapping it shows the log lines.
 */
final class CapturedStderr {
    private CapturedStderr() {
    }

    /** Runs {@code action}; returns its result and everything written to stderr meanwhile. */
    static <T> Captured<T> capture(Supplier<T> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            T result = action.get();
            return new Captured<>(result, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    record Captured<T>(T result, String log) {
    }
}
