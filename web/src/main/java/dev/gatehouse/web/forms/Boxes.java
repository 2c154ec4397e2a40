package dev.gatehouse.web.forms;

import java.util.List;

/** Renders a group of radio buttons or checkboxes, each with its own label, in one ARIA group. */
final class Boxes {
    private Boxes() {
    }

    static void render(StringBuilder out, Field<?> field, String type, List<Option> options, String id,
                       FieldState state, String describedBy) {
        out.append("<span role=\"group\"");
        Html.attr(out, "id", id);
        Html.attr(out, "aria-labelledby", id + "-label");
        Field.ariaState(out, state, describedBy);
        out.append('>');
        for (int i = 0; i < options.size(); i++) {
            Option o = options.get(i);
            String optionId = id + "-" + i;
            out.append("<input");
            Html.attr(out, "type", type);
            Html.attr(out, "id", optionId);
            Html.attr(out, "name", field.name());
            Html.attr(out, "value", o.value());
            field.userAttributes(out);
            if (state.values.contains(o.value())) out.append(" checked");
            if (state.error != null) out.append(" aria-invalid=\"true\"");
            out.append("> <label");
            Html.attr(out, "for", optionId);
            out.append('>').append(Html.escape(o.label())).append("</label> ");
        }
        out.append("</span>");
    }
}
