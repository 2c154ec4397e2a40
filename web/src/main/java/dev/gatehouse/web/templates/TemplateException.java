package dev.gatehouse.web.templates;

/**
 * A template that could not be found, parsed or rendered. The message names the template file
 * and, when known, the line, e.g. {@code page.peb:3: Unexpected end of template}.
 */
public final class TemplateException extends RuntimeException {
    private final String templateName;
    private final Integer line;

    TemplateException(String message, String templateName, Integer line, Throwable cause) {
        super(message, cause);
        this.templateName = templateName;
        this.line = line;
    }

    /** The template the error is in (an included or parent template when the error is there), or null. */
    public String templateName() {
        return templateName;
    }

    /** The 1-based line of the error, or null when the error has no line (a missing template). */
    public Integer line() {
        return line;
    }
}
