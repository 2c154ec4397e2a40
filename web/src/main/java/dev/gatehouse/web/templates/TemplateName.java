package dev.gatehouse.web.templates;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Template names as the root-relative, '/'-separated paths they must be. A name that would leave
 * the template root ("../x", "/etc/passwd", "a/../../x") is refused, as are backslashes and control
 * characters, so a name taken from a request can never read a file outside the root.
 */
final class TemplateName {
    static final int MAX_LENGTH = 512;

    private TemplateName() {}

    /** The normalized form of {@code name}, or a {@link TemplateException} naming it. */
    static String normalize(String name) {
        if (name == null || name.isEmpty()) throw refused(String.valueOf(name), "empty name");
        if (name.length() > MAX_LENGTH) throw refused(name.substring(0, 40) + "...", "longer than " + MAX_LENGTH + " characters");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') throw refused(name, "character U+" + String.format("%04X", (int) c) + " not allowed");
        }
        if (name.startsWith("/")) throw refused(name, "absolute path");
        Deque<String> parts = new ArrayDeque<>();
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) continue;
            if (segment.equals("..")) throw refused(name, "'..' leaves the template root");
            parts.addLast(segment);
        }
        if (parts.isEmpty()) throw refused(name, "no file name");
        return String.join("/", parts);
    }

    /** Resolves {@code relative} ("./x", "../x") against the directory of {@code anchor}; other names are root-relative. */
    static String resolve(String relative, String anchor) {
        if (!(relative.startsWith("./") || relative.startsWith("../")) || anchor == null) return normalize(relative);
        Deque<String> parts = new ArrayDeque<>();
        String[] anchorParts = normalize(anchor).split("/");
        for (int i = 0; i < anchorParts.length - 1; i++) parts.addLast(anchorParts[i]);
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) continue;
            if (segment.equals("..")) {
                if (parts.isEmpty()) throw refused(relative, "'..' leaves the template root (from " + anchor + ")");
                parts.removeLast();
            } else {
                parts.addLast(segment);
            }
        }
        return normalize(String.join("/", parts));
    }

    private static TemplateException refused(String name, String why) {
        return new TemplateException("template name refused: \"" + name + "\": " + why, name, null, null);
    }
}
