package dev.gatehouse.web.forms;

/** A single-line {@code <input>}: text, password, email, number, date or hidden. */
public final class InputField extends Field<InputField> {
    private final String type;

    InputField(String name, String type) {
        super(name, DEFAULT_MAX_CHARS);
        this.type = type;
    }

    public String type() {
        return type;
    }

    @Override
    String typeCheck(String value) {
        return switch (type) {
            case "email" -> Validator.email().test().test(value) ? null : "Not a valid email address";
            case "number" -> Validator.NUMBER.matcher(value).matches() ? null : "Must be a number";
            case "date" -> Validator.parseDate(value) != null ? null : "Must be a date (YYYY-MM-DD)";
            default -> null;
        };
    }

    @Override
    boolean isHidden() {
        return type.equals("hidden");
    }

    @Override
    void renderControl(StringBuilder out, String id, FieldState state, String describedBy) {
        out.append("<input");
        Html.attr(out, "type", type);
        commonAttributes(out, id, state, describedBy);
        // a password typed once must not travel back in the page
        if (!type.equals("password")) Html.attr(out, "value", state.first());
        out.append('>');
    }
}
