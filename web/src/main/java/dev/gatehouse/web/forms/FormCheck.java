package dev.gatehouse.web.forms;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A form-level check, run after every field is valid: cross-field rules (a password typed twice
 * the same) or lookups (a login not taken yet, which may query a database).
 *
 * @param field   the field beside which the message is shown, or null to show it above the form
 * @param test    true when the values are acceptable
 * @param message shown when they are not
 */
public record FormCheck(String field, Predicate<FormValues> test, String message) {
    public FormCheck {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(message, "message");
    }
}
