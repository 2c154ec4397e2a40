package dev.gatehouse.examples;

/** HTML escaping for element content and quoted attribute values, and the frame of every demo page. */
final class Html {
    /** The end of every demo page. */
    static final String END = "</body>\n</html>\n";

    private Html() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The start of every demo page, up to and including the opening of the body. */
    static String page(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head>\n<body>\n<h1>" + escape(title) + "</h1>\n";
    }
}
