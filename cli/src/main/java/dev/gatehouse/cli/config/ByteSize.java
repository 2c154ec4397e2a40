package dev.gatehouse.cli.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** A number of bytes written as {@code 512}, {@code 64k}, {@code 10m} or {@code 1g} (binary units). */
public record ByteSize(long bytes) {
    private static final Pattern SYNTAX = Pattern.compile("([0-9]{1,19})([kmg]?)");
    private static final String UNITS = "kmg";

    public static ByteSize parse(String text) {
        Matcher m = SYNTAX.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not a size such as 512, 64k, 10m or 1g");
        int shift = m.group(2).isEmpty() ? 0 : 10 * (UNITS.indexOf(m.group(2)) + 1);
        try {
            long n = Long.parseLong(m.group(1));
            if (n > Long.MAX_VALUE >> shift) throw new NumberFormatException();
            return new ByteSize(n << shift);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
    }

    /** The shortest exact form, as {@link #parse} reads it. */
    @Override
    public String toString() {
        for (int i = UNITS.length() - 1; i >= 0; i--) {
            int shift = 10 * (i + 1);
            if (bytes != 0 && bytes % (1L << shift) == 0) return (bytes >> shift) + UNITS.substring(i, i + 1);
        }
        return Long.toString(bytes);
    }

    public static final class Converter implements CommandLine.ITypeConverter<ByteSize> {
        @Override
        public ByteSize convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
