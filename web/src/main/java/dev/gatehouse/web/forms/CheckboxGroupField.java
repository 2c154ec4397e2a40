package dev.gatehouse.web.forms;

import java.util.List;

/** Checkboxes sharing one name: any subset of the options; forged values are rejected. */
public final class CheckboxGroupField extends Field<CheckboxGroupField> {
    private final List<Option> options;

    CheckboxGroupField(String name, List<Option> options) {
        super(name, DEFAULT_MAX_CHARS);
        if (options.isEmpty()) throw new IllegalArgumentException("field " + name + " needs at least one option");
        this.options = List.copyOf(options);
    }

    public List<Option> options() {
        return options;
    }

    @Override
    boolean multiValued() {
        return true;
    }

    @Override
    String typeCheck(String value) {
        return ChoiceField.isOption(options, value) ? null : ChoiceField.NOT_A_CHOICE;
    }

    @Override
    boolean labelsOneControl() {
        return false;
    }

    @Override
    void renderControl(StringBuilder out, String id, FieldState state, String describedBy) {
        Boxes.render(out, this, "checkbox", options, id, state, describedBy);
    }
}
