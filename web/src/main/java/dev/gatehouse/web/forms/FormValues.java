package dev.gatehouse.web.forms;

import dev.gatehouse.web.Upload;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The values of a bound form, read by name, as form-level checks and handlers see them. The
 * typed getters are meant for after a successful validation; they return null for an empty field.
 */
public interface FormValues {
    /** The field's value, or "" when none was submitted. */
    String value(String name);

    /** Every value of the field (several for a checkbox group). */
    List<String> values(String name);

    /** True when a single checkbox was sent checked (with the value "on" it renders). */
    default boolean checked(String name) {
        return value(name).equals(CheckboxField.ON);
    }

    default Integer intValue(String name) {
        String v = value(name);
        if (v.isEmpty()) return null;
        if (!v.matches("-?[0-9]{1,10}")) throw new NumberFormatException("field " + name + " is not an integer: " + v);
        return Integer.valueOf(v);
    }

    default Long longValue(String name) {
        String v = value(name);
        if (v.isEmpty()) return null;
        if (!v.matches("-?[0-9]{1,18}")) throw new NumberFormatException("field " + name + " is not an integer: " + v);
        return Long.valueOf(v);
    }

    default BigDecimal decimalValue(String name) {
        String v = value(name);
        if (v.isEmpty()) return null;
        if (!Validator.NUMBER.matcher(v).matches()) throw new NumberFormatException("field " + name + " is not a number: " + v);
        return new BigDecimal(v);
    }

    default LocalDate dateValue(String name) {
        String v = value(name);
        if (v.isEmpty()) return null;
        LocalDate d = Validator.parseDate(v);
        if (d == null) throw new IllegalArgumentException("field " + name + " is not a date (YYYY-MM-DD): " + v);
        return d;
    }

    /** The uploaded file of a file field, or null. */
    Upload upload(String name);
}
