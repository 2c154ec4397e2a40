package dev.gatehouse.web.forms;

/** Attribute writing for the form renderers; escaping itself is {@link dev.gatehouse.web.Html}'s. */
final class Html {
    private Html() {
    }

    /** Escapes {@code & < > " '} so that {@code s} is inert as element text or a quoted attribute value. */
    static String escape(String s) {
        return dev.gatehouse.web.Html.escape(s);
    }

    /** Appends {@code  name="value"} with the value escaped. */
    static StringBuilder attr(StringBuilder out, String name, String value) {
        return out.append(' ').append(name).append("=\"").append(escape(value)).append('"');
    }

    /** Attribute names are checked when a field is defined, since they cannot be escaped. */
    static String checkAttributeName(String name) {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_:.-]{0,63}")) {
            throw new IllegalArgumentException("not a safe HTML attribute name: " + name);
        }
        return name;
    }
}
