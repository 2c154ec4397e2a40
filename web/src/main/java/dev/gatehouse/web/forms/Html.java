package dev.gatehouse.web.forms;

/** HTML escaping for text and for attribute values (always quoted with '"'). */
public final class Html {
    private Html() {
    }

    /** Escapes {@code & < > " '} so that {@code s} is inert as element text or a quoted attribute value. */
    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            String rep = switch (s.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep == null) {
                if (out != null) out.append(s.charAt(i));
                continue;
            }
            if (out == null) out = new StringBuilder(s.length() + 16).append(s, 0, i);
            out.append(rep);
        }
        return out == null ? s : out.toString();
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
