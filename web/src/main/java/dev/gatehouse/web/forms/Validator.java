package dev.gatehouse.web.forms;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A check of one submitted value, with the message shown beside the field when it fails.
 * Validators other than {@link #required()} are skipped for empty values, so an optional field
 * left blank is valid. Immutable; {@link #message(String)} gives a copy with another message.
 *
 * @param test        true when the value is acceptable
 * @param message     shown when it is not
 * @param checksEmpty whether the check also runs on an empty value
 */
public record Validator(Predicate<String> test, String message, boolean checksEmpty) {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}+@[^@\\s.]++(\\.[^@\\s.]++)++");
    static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,18}(\\.[0-9]{1,18})?");

    public Validator {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(message, "message");
    }

    /** The same check with another message. */
    public Validator message(String newMessage) {
        return new Validator(test, newMessage, checksEmpty);
    }

    /** The value must not be empty (for a checkbox: it must be checked). */
    public static Validator required() {
        return new Validator(v -> !v.isEmpty(), "Required", true);
    }

    /** Between {@code min} and {@code max} characters (Unicode code points), inclusive. */
    public static Validator length(int min, int max) {
        if (min < 0 || max < min) throw new IllegalArgumentException("length needs 0 <= min <= max: " + min + ", " + max);
        return check(v -> {
            int n = v.codePointCount(0, v.length());
            return n >= min && n <= max;
        }, min == 0 ? "At most " + max + " characters" : "Between " + min + " and " + max + " characters");
    }

    /** The whole value matches {@code regex}. Values are bounded in length, but keep patterns simple. */
    public static Validator regex(String regex, String message) {
        Pattern p = Pattern.compile(regex);
        return check(v -> p.matcher(v).matches(), message);
    }

    /** A number between {@code min} and {@code max}, inclusive. */
    public static Validator range(long min, long max) {
        return range(BigDecimal.valueOf(min), BigDecimal.valueOf(max));
    }

    public static Validator range(BigDecimal min, BigDecimal max) {
        if (min.compareTo(max) > 0) throw new IllegalArgumentException("range needs min <= max");
        return check(v -> {
            if (!NUMBER.matcher(v).matches()) return false;
            BigDecimal n = new BigDecimal(v);
            return n.compareTo(min) >= 0 && n.compareTo(max) <= 0;
        }, "Must be between " + min.toPlainString() + " and " + max.toPlainString());
    }

    /** A date (YYYY-MM-DD) between {@code min} and {@code max}, inclusive. */
    public static Validator range(LocalDate min, LocalDate max) {
        if (min.isAfter(max)) throw new IllegalArgumentException("range needs min <= max");
        return check(v -> {
            LocalDate d = parseDate(v);
            return d != null && !d.isBefore(min) && !d.isAfter(max);
        }, "Must be between " + min + " and " + max);
    }

    /** The shape of an email address: something, '@', a domain with a dot. */
    public static Validator email() {
        return check(v -> v.length() <= 254 && EMAIL.matcher(v).matches(), "Not a valid email address");
    }

    /** Any check of the value, e.g. {@code custom(v -> !v.contains(" "), "No spaces")}. */
    public static Validator custom(Predicate<String> test, String message) {
        return check(test, message);
    }

    private static Validator check(Predicate<String> test, String message) {
        return new Validator(test, message, false);
    }

    static LocalDate parseDate(String v) {
        if (v.length() != 10) return null;
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
