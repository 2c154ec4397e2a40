package dev.gatehouse.web.forms;

import dev.gatehouse.web.FormInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One form field: a name, a label, a description (help text), HTML attributes and validators.
 * Configure it with the fluent methods, then give it to a {@link Form}; from then on it is
 * frozen (a further change throws) and may be shared by every request.
 *
 * <pre>{@code
 * Field.text("login").label("Login").required().validate(Validator.regex("[a-z][a-z0-9]{2,15}", "3-16 lower-case letters or digits"))
 * }</pre>
 *
 * @param <F> the concrete field type, so the fluent methods keep it
 */
public abstract class Field<F extends Field<F>> {
    /** The longest value accepted by default, in characters (a textarea: 64 KiB). */
    public static final int DEFAULT_MAX_CHARS = 4096;
    /** The most values read for one name (a checkbox group is also bounded by its options). */
    static final int MAX_VALUES = 100;

    private final String name;
    private String label;
    private String description = "";
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<Validator> validators = new ArrayList<>();
    private int maxChars;
    private boolean frozen;

    Field(String name, int maxChars) {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("field names start with a letter, then up to 63 letters, digits, '_', '.' or '-': " + name);
        }
        this.name = name;
        this.label = name;
        this.maxChars = maxChars;
    }

    public static InputField text(String name) {
        return new InputField(name, "text");
    }

    /** A password field: its value is never written back into the page. */
    public static InputField password(String name) {
        return new InputField(name, "password");
    }

    /** A text field that must hold an email address (checked with {@link Validator#email()}). */
    public static InputField email(String name) {
        return new InputField(name, "email");
    }

    /** A text field that must hold a decimal number; see {@link Validator#range(long, long)}. */
    public static InputField number(String name) {
        return new InputField(name, "number");
    }

    /** A date field (YYYY-MM-DD, what browsers send for {@code type="date"}). */
    public static InputField date(String name) {
        return new InputField(name, "date");
    }

    /** A hidden field, rendered without label, outside the table. */
    public static InputField hidden(String name) {
        return new InputField(name, "hidden");
    }

    public static TextareaField textarea(String name) {
        return new TextareaField(name);
    }

    /** A drop-down list; a submitted value that is not among the options is rejected. */
    public static ChoiceField select(String name, Option... options) {
        return new ChoiceField(name, false, List.of(options));
    }

    public static ChoiceField radio(String name, Option... options) {
        return new ChoiceField(name, true, List.of(options));
    }

    /** One checkbox: checked or not ({@link FormValues#checked(String)}). */
    public static CheckboxField checkbox(String name) {
        return new CheckboxField(name);
    }

    /** Several checkboxes under one name: any subset of the options ({@link FormValues#values(String)}). */
    public static CheckboxGroupField checkboxes(String name, Option... options) {
        return new CheckboxGroupField(name, List.of(options));
    }

    /** A file upload (the form is then sent as multipart/form-data). */
    public static FileField file(String name) {
        return new FileField(name);
    }

    public F label(String text) {
        checkOpen();
        this.label = text;
        return self();
    }

    public F description(String text) {
        checkOpen();
        this.description = text == null ? "" : text;
        return self();
    }

    /** An HTML attribute of the control, e.g. {@code attr("placeholder", "you@example.org")}; "" renders it bare. */
    public F attr(String attributeName, String value) {
        checkOpen();
        String n = Html.checkAttributeName(attributeName);
        if (n.equalsIgnoreCase("name") || n.equalsIgnoreCase("id") || n.equalsIgnoreCase("value") || n.equalsIgnoreCase("type")) {
            throw new IllegalArgumentException("attribute " + n + " is set by the form itself");
        }
        attributes.put(n, value);
        return self();
    }

    public F required() {
        return validate(Validator.required());
    }

    public F required(String message) {
        return validate(Validator.required().message(message));
    }

    public F validate(Validator... checks) {
        checkOpen();
        validators.addAll(List.of(checks));
        return self();
    }

    /** The longest value accepted, in characters; longer ones fail with "Too long". */
    public F maxChars(int max) {
        checkOpen();
        if (max < 1) throw new IllegalArgumentException("maxChars must be positive");
        this.maxChars = max;
        return self();
    }

    public String name() {
        return name;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public Map<String, String> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public List<Validator> validators() {
        return Collections.unmodifiableList(validators);
    }

    boolean isRequired() {
        for (Validator v : validators) {
            if (v.checksEmpty()) return true;
        }
        return false;
    }

    void freeze() {
        frozen = true;
    }

    /** The submitted values of this field (at most one unless multi-valued). */
    List<String> read(FormInput input) {
        List<String> all = input.values(name);
        if (all.isEmpty()) return List.of();
        if (!multiValued()) return List.of(all.getFirst());
        return List.copyOf(all.subList(0, Math.min(all.size(), MAX_VALUES)));
    }

    boolean multiValued() {
        return false;
    }

    /** The check the field's type implies (a number, a date, one of the options), or null. */
    String typeCheck(String value) {
        return null;
    }

    /** The error message for {@code values}, or null when they are valid. */
    String check(List<String> values) {
        List<String> present = new ArrayList<>(values.size());
        for (String v : values) {
            if (v.length() > maxChars) return "Too long (at most " + maxChars + " characters)";
            if (!v.isEmpty()) present.add(v);
        }
        if (present.isEmpty()) {
            for (Validator v : validators) {
                if (v.checksEmpty() && !v.test().test("")) return v.message();
            }
            return null;
        }
        for (String value : present) {
            String typeError = typeCheck(value);
            if (typeError != null) return typeError;
            for (Validator v : validators) {
                if (!v.test().test(value)) return v.message();
            }
        }
        return null;
    }

    /** Hidden fields render without a label, outside the layout. */
    boolean isHidden() {
        return false;
    }

    /** False for groups of controls (radio, checkboxes), whose label names a group, not one control. */
    boolean labelsOneControl() {
        return true;
    }

    /** Appends the control(s) of this field. */
    abstract void renderControl(StringBuilder out, String id, FieldState state, String describedBy);

    /** Appends {@code id="..." name="..."}, the user's attributes and the ARIA state. */
    final void commonAttributes(StringBuilder out, String id, FieldState state, String describedBy) {
        Html.attr(out, "id", id);
        Html.attr(out, "name", name);
        userAttributes(out);
        ariaState(out, state, describedBy);
    }

    final void userAttributes(StringBuilder out) {
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (a.getValue().isEmpty()) out.append(' ').append(a.getKey());
            else Html.attr(out, a.getKey(), a.getValue());
        }
    }

    static void ariaState(StringBuilder out, FieldState state, String describedBy) {
        if (state.error != null) out.append(" aria-invalid=\"true\"");
        if (describedBy != null && !describedBy.isEmpty()) Html.attr(out, "aria-describedby", describedBy);
    }

    @SuppressWarnings("unchecked")
    private F self() {
        return (F) this;
    }

    void checkOpen() {
        if (frozen) throw new IllegalStateException("field " + name + " belongs to a form already and can no longer change");
    }
}
