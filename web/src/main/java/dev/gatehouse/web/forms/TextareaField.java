package dev.gatehouse.web.forms;

/** A multi-line {@code <textarea>}; accepts up to 64 KiB of text by default. */
public final class TextareaField extends Field<TextareaField> {
    TextareaField(String name) {
        super(name, 64 * 1024);
    }

    @Override
    void renderControl(StringBuilder out, String id, FieldState state, String describedBy) {
        out.append("<textarea");
        commonAttributes(out, id, state, describedBy);
        out.append('>');
        // the HTML parser drops one newline right after the start tag: add one so a leading newline survives
        if (state.first().startsWith("\n")) out.append('\n');
        out.append(Html.escape(state.first())).append("</textarea>");
    }
}
