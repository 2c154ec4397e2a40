package dev.gatehouse.web.templates;

import java.util.Locale;

/**
 * What a template produces, read from its file name: the extension before {@code .peb} (or the
 * last one) picks the Pebble escaping strategy and the content type. {@code page.peb} and
 * {@code page.html.peb} are HTML; {@code app.js.peb} escapes for JavaScript, {@code site.css.peb}
 * for CSS, {@code data.json.peb} for JSON strings. Anything else is escaped as HTML, the safe
 * default.
 */
enum TemplateKind {
    HTML("html", "text/html; charset=utf-8"),
    XML("html", "application/xml; charset=utf-8"),
    TEXT("html", "text/plain; charset=utf-8"),
    JS("js", "text/javascript; charset=utf-8"),
    CSS("css", "text/css; charset=utf-8"),
    JSON("json", "application/json; charset=utf-8");

    final String escaping;
    final String contentType;

    TemplateKind(String escaping, String contentType) {
        this.escaping = escaping;
        this.contentType = contentType;
    }

    static TemplateKind of(String name) {
        String file = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (file.endsWith(".peb")) file = file.substring(0, file.length() - 4);
        String ext = file.contains(".") ? file.substring(file.lastIndexOf('.') + 1) : "";
        return switch (ext) {
            case "xml", "svg" -> XML;
            case "txt" -> TEXT;
            case "js" -> JS;
            case "css" -> CSS;
            case "json" -> JSON;
            default -> HTML;
        };
    }
}
