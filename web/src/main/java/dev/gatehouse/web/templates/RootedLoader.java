package dev.gatehouse.web.templates;

import io.pebbletemplates.pebble.loader.Loader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Pebble loader of {@link Templates}: every name, including those of {@code extends},
 * {@code include} and {@code import}, goes through {@link TemplateName}, so no template can reach
 * outside the root. Files are read as UTF-8.
 */
final class RootedLoader implements Loader<String> {
    private final TemplateSource source;
    /** The last name a template referenced on this thread ({@code include}, {@code extends}), to locate a missing one. */
    private final ThreadLocal<Reference> lastReference = new ThreadLocal<>();

    private record Reference(String written, String resolved, String from) {}

    RootedLoader(TemplateSource source) {
        this.source = source;
    }

    @Override
    public Reader getReader(String name) {
        try {
            InputStream in = source.open(name);
            if (in == null) throw notFound(name);
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading template " + name, e);
        }
    }

    @Override
    public void setCharset(String charset) {
        // always UTF-8
    }

    @Override
    public void setPrefix(String prefix) {
        // the root is fixed by the TemplateSource
    }

    @Override
    public void setSuffix(String suffix) {
        // names carry their extension
    }

    @Override
    public String resolveRelativePath(String relativePath, String anchorPath) {
        String resolved = TemplateName.resolve(relativePath, anchorPath);
        if (anchorPath != null) lastReference.set(new Reference(relativePath, resolved, anchorPath));
        return resolved;
    }

    /** Called before each render, so a stale reference never explains a later error. */
    void forgetReferences() {
        lastReference.remove();
    }

    /** "outer.peb:3: template not found: gone.peb" when a template referenced it, else "gone.peb: template not found". */
    private TemplateException notFound(String name) {
        String text = "template not found: " + name + " (in " + source.describe() + ")";
        Reference ref = lastReference.get();
        if (ref == null || !ref.resolved().equals(name)) return new TemplateException(name + ": " + text, name, null, null);
        Integer line = lineOf(ref.from(), ref.written());
        String where = line == null ? ref.from() : ref.from() + ":" + line;
        return new TemplateException(where + ": " + text, ref.from(), line, null);
    }

    /** The first line of template {@code file} that mentions {@code written} in quotes, or null. */
    private Integer lineOf(String file, String written) {
        try (InputStream in = source.open(file)) {
            if (in == null) return null;
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains("\"" + written + "\"") || lines[i].contains("'" + written + "'")) return i + 1;
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String createCacheKey(String templateName) {
        return TemplateName.normalize(templateName);
    }

    @Override
    public boolean resourceExists(String templateName) {
        try (InputStream in = source.open(TemplateName.normalize(templateName))) {
            return in != null;
        } catch (IOException | TemplateException e) {
            return false;
        }
    }
}
