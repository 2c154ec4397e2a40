package dev.gatehouse.cli.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** A duration written as {@code 30} (seconds), {@code 30s}, {@code 500ms}, {@code 2m} or {@code 1h}. */
public record TimeSpan(Duration duration) {
    private static final Pattern SYNTAX = Pattern.compile("([0-9]{1,9})(ms|s|m|h)?");

    public static TimeSpan parse(String text) {
        Matcher m = SYNTAX.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not a duration such as 30, 30s, 500ms, 2m or 1h");
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return new TimeSpan(switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        });
    }

    public static TimeSpan of(Duration duration) {
        return new TimeSpan(duration);
    }

    /** The shortest exact form, as {@link #parse} reads it. */
    @Override
    public String toString() {
        long ms = duration.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms != 0 && ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }

    public static final class Converter implements CommandLine.ITypeConverter<TimeSpan> {
        @Override
        public TimeSpan convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
