package dev.gatehouse.web.forms;

/** Writes a bound form as HTML: every value and attribute escaped, errors beside their fields. */
final class FormHtml {
    private FormHtml() {
    }

    static String table(BoundForm bound) {
        StringBuilder out = preamble(bound);
        out.append("<table class=\"form\">\n");
        for (Field<?> f : bound.form().fields()) {
            if (f.isHidden()) continue;
            out.append("<tr><th>").append(label(bound, f)).append("</th><td>");
            controlWithNotes(out, bound, f);
            out.append("</td></tr>\n");
        }
        return out.append("</table>\n").toString();
    }

    static String divs(BoundForm bound) {
        StringBuilder out = preamble(bound);
        for (Field<?> f : bound.form().fields()) {
            if (f.isHidden()) continue;
            out.append(bound.error(f.name()) == null ? "<div class=\"field\">" : "<div class=\"field error\">");
            out.append(label(bound, f)).append(' ');
            controlWithNotes(out, bound, f);
            out.append("</div>\n");
        }
        return out.toString();
    }

    static String formElement(BoundForm bound, String action, String submitLabel) {
        StringBuilder out = new StringBuilder("<form");
        Html.attr(out, "method", bound.form().isPost() ? "post" : "get");
        Html.attr(out, "action", action);
        if (bound.form().hasFileField()) out.append(" enctype=\"multipart/form-data\"");
        out.append(">\n").append(table(bound));
        out.append("<p><button type=\"submit\">").append(Html.escape(submitLabel)).append("</button></p>\n</form>\n");
        return out.toString();
    }

    /** Form errors, then the CSRF token and hidden fields (first, so a body scan finds the token early). */
    private static StringBuilder preamble(BoundForm bound) {
        StringBuilder out = new StringBuilder(1024);
        if (!bound.formErrors().isEmpty()) {
            out.append("<ul class=\"form-errors\" role=\"alert\">");
            for (String e : bound.formErrors()) out.append("<li>").append(Html.escape(e)).append("</li>");
            out.append("</ul>\n");
        }
        String csrf = bound.csrfField();
        if (!csrf.isEmpty()) out.append(csrf).append('\n');
        for (Field<?> f : bound.form().fields()) {
            if (f.isHidden()) out.append(control(bound, f)).append('\n');
        }
        return out;
    }

    private static void controlWithNotes(StringBuilder out, BoundForm bound, Field<?> f) {
        out.append(control(bound, f));
        String error = error(bound, f);
        if (!error.isEmpty()) out.append(' ').append(error);
        if (!f.description().isEmpty()) {
            out.append(" <small class=\"description\"");
            Html.attr(out, "id", id(bound, f) + "-description");
            out.append('>').append(Html.escape(f.description())).append("</small>");
        }
    }

    static String control(BoundForm bound, Field<?> f) {
        String id = id(bound, f);
        String describedBy = "";
        if (bound.error(f.name()) != null) describedBy = id + "-error";
        if (!f.description().isEmpty()) describedBy = (describedBy + " " + id + "-description").strip();
        StringBuilder out = new StringBuilder(128);
        f.renderControl(out, id, bound.state(f.name()), describedBy);
        return out.toString();
    }

    static String label(BoundForm bound, Field<?> f) {
        if (f.isHidden()) return "";
        StringBuilder out = new StringBuilder(64);
        if (f.labelsOneControl()) {
            out.append("<label");
            Html.attr(out, "for", id(bound, f));
            return out.append('>').append(Html.escape(f.label())).append("</label>").toString();
        }
        out.append("<span");
        Html.attr(out, "id", id(bound, f) + "-label");
        return out.append('>').append(Html.escape(f.label())).append("</span>").toString();
    }

    static String error(BoundForm bound, Field<?> f) {
        String message = bound.error(f.name());
        if (message == null) return "";
        StringBuilder out = new StringBuilder("<strong class=\"wrong\"");
        Html.attr(out, "id", id(bound, f) + "-error");
        return out.append('>').append(Html.escape(message)).append("</strong>").toString();
    }

    private static String id(BoundForm bound, Field<?> f) {
        return bound.form().idPrefix() + f.name();
    }
}
