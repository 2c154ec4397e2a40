package dev.gatehouse.web.templates;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where template files come from: a directory on disk or a prefix on the class path. */
interface TemplateSource {
    /** Opens the (already normalized) template {@code name}; null when there is no such template. */
    InputStream open(String name) throws IOException;

    /** A description for error messages. */
    String describe();

    static TemplateSource directory(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        return new TemplateSource() {
            @Override
            public InputStream open(String name) throws IOException {
                Path file = absolute.resolve(name).normalize();
                // TemplateName already refuses '..'; this guards against anything it might miss.
                if (!file.startsWith(absolute) || !Files.isRegularFile(file)) return null;
                try {
                    return Files.newInputStream(file);
                } catch (NoSuchFileException gone) {
                    return null;
                }
            }

            @Override
            public String describe() {
                return "directory " + absolute;
            }
        };
    }

    static TemplateSource classpath(String prefix, ClassLoader loader) {
        String base = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        String start = base.startsWith("/") ? base.substring(1) : base;
        return new TemplateSource() {
            @Override
            public InputStream open(String name) {
                return loader.getResourceAsStream(start + name);
            }

            @Override
            public String describe() {
                return "class path /" + start;
            }
        };
    }
}
