package dev.gatehouse.web.forms;

import java.util.List;

/** One choice among options, as a {@code <select>} or as radio buttons. Forged values are rejected. */
public final class ChoiceField extends Field<ChoiceField> {
    static final String NOT_A_CHOICE = "Not one of the choices";

    private final boolean radio;
    private final List<Option> options;

    ChoiceField(String name, boolean radio, List<Option> options) {
        super(name, DEFAULT_MAX_CHARS);
        if (options.isEmpty()) throw new IllegalArgumentException("field " + name + " needs at least one option");
        this.radio = radio;
        this.options = List.copyOf(options);
    }

    public List<Option> options() {
        return options;
    }

    @Override
    String typeCheck(String value) {
        return isOption(options, value) ? null : NOT_A_CHOICE;
    }

    static boolean isOption(List<Option> options, String value) {
        for (Option o : options) {
            if (o.value().equals(value)) return true;
        }
        return false;
    }

    @Override
    boolean labelsOneControl() {
        return !radio;
    }

    @Override
    void renderControl(StringBuilder out, String id, FieldState state, String describedBy) {
        if (radio) {
            Boxes.render(out, this, "radio", options, id, state, describedBy);
            return;
        }
        out.append("<select");
        commonAttributes(out, id, state, describedBy);
        out.append('>');
        for (Option o : options) {
            out.append("<option");
            Html.attr(out, "value", o.value());
            if (state.values.contains(o.value())) out.append(" selected");
            out.append('>').append(Html.escape(o.label())).append("</option>");
        }
        out.append("</select>");
    }
}
