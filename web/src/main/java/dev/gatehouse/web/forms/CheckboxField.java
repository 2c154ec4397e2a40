package dev.gatehouse.web.forms;

/** A single checkbox, sent as "on" when checked and not at all otherwise. */
public final class CheckboxField extends Field<CheckboxField> {
    static final String ON = "on";

    CheckboxField(String name) {
        super(name, 16);
    }

    @Override
    String typeCheck(String value) {
        return value.equals(ON) ? null : ChoiceField.NOT_A_CHOICE;
    }

    @Override
    void renderControl(StringBuilder out, String id, FieldState state, String describedBy) {
        out.append("<input type=\"checkbox\"");
        commonAttributes(out, id, state, describedBy);
        Html.attr(out, "value", ON);
        if (state.first().equals(ON)) out.append(" checked");
        out.append('>');
    }
}
