package dev.gatehouse.web.templates;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pebble templates from a directory or a class-path prefix, auto-escaped. One instance per app,
 * shared by all requests (thread-safe).
 *
 * <pre>{@code
 * Templates templates = Templates.fromClasspath("templates", TemplateOptions.forProduction());
 * return templates.render("hello.peb", Map.of("name", name));   // a Renderable, text/html
 * }</pre>
 */
public final class Templates {
    private final TemplateOptions options;
    /** One engine per escaping strategy (html, js, css, json), made on first use. */
    private final Map<String, PebbleEngine> engines = new ConcurrentHashMap<>();
    private final RootedLoader loader;

    private Templates(TemplateSource source, TemplateOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.loader = new RootedLoader(source);
    }

    /** Templates read from files under {@code root}. */
    public static Templates fromDirectory(Path root, TemplateOptions options) {
        if (!Files.isDirectory(root)) throw new IllegalArgumentException("template directory not found: " + root.toAbsolutePath());
        return new Templates(TemplateSource.directory(root), options);
    }

    /** Templates read from the class path under {@code prefix} (e.g. "templates" for src/main/resources/templates). */
    public static Templates fromClasspath(String prefix, TemplateOptions options) {
        return new Templates(TemplateSource.classpath(prefix, Templates.class.getClassLoader()), options);
    }

    /** Templates read from the class path of {@code loader} under {@code prefix}. */
    public static Templates fromClasspath(String prefix, ClassLoader loader, TemplateOptions options) {
        return new Templates(TemplateSource.classpath(prefix, loader), options);
    }

    /**
     * Marks {@code html} as trusted, so templates insert it unescaped (like the {@code | raw}
     * filter). Only for HTML the application built itself, such as a rendered form: never for
     * text that came from a user.
     */
    public static Object safe(String html) {
        return new SafeString(html == null ? "" : html);
    }

    /** Renders {@code name} with {@code model}, as a result a handler can return. */
    public TemplateResult render(String name, Map<String, ?> model) {
        String normalized = TemplateName.normalize(name);
        TemplateKind kind = TemplateKind.of(normalized);
        return new TemplateResult(normalized, kind.contentType, evaluate(normalized, kind, model));
    }

    /** Renders {@code name} with {@code model} to a String (for mail bodies, fragments, tests). */
    public String renderToString(String name, Map<String, ?> model) {
        String normalized = TemplateName.normalize(name);
        return evaluate(normalized, TemplateKind.of(normalized), model);
    }

    public TemplateOptions options() {
        return options;
    }

    private String evaluate(String name, TemplateKind kind, Map<String, ?> model) {
        PebbleEngine engine = engines.computeIfAbsent(kind.escaping, this::newEngine);
        loader.forgetReferences();
        try {
            PebbleTemplate template = engine.getTemplate(name);
            StringWriter out = new StringWriter();
            template.evaluate(out, model == null ? Map.of() : new HashMap<>(model));
            return out.toString();
        } catch (PebbleException e) {
            throw TemplateErrors.translate(name, e);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering template " + name, e);
        }
    }

    private PebbleEngine newEngine(String escaping) {
        PebbleEngine.Builder builder = new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .defaultEscapingStrategy(escaping)
                .strictVariables(options.strictVariables())
                .maxRenderedSize(options.maxRenderedChars());
        if (options.development()) {
            builder.cacheActive(false);
        } else {
            builder.templateCache(new BoundedCache<>(options.cacheSize()))
                    .tagCache(new BoundedCache<>(options.cacheSize()));
        }
        return builder.build();
    }
}
