package dev.gatehouse.web.templates;

import dev.gatehouse.web.Renderable;
import java.nio.charset.StandardCharsets;

/**
 * A template rendered for a handler to return: the framework answers 200 with its content type
 * ({@code text/html; charset=utf-8} for HTML templates) and its text as UTF-8.
 */
public final class TemplateResult implements Renderable {
    private final String name;
    private final String contentType;
    private final String text;

    TemplateResult(String name, String contentType, String text) {
        this.name = name;
        this.contentType = contentType;
        this.text = text;
    }

    /** The template this was rendered from. */
    public String templateName() {
        return name;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public byte[] render() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The rendered text. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
