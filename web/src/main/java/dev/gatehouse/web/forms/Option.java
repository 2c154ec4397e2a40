package dev.gatehouse.web.forms;

import java.util.Objects;

/** One choice of a select, radio or checkbox group: the submitted value and the label shown. */
public record Option(String value, String label) {
    public Option {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(label, "label");
    }

    public static Option of(String value, String label) {
        return new Option(value, label);
    }

    /** A choice whose label is its value. */
    public static Option of(String value) {
        return new Option(value, value);
    }
}
