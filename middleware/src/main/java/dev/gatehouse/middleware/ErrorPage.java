package dev.gatehouse.middleware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The body of one error page, in an HTML variant, a plain-text variant, or both; {@link ErrorPages}
 * picks the one the client's {@code Accept} prefers. {@code ${status}} and {@code ${reason}} in
 * either text are replaced by the response's code and reason phrase (escaped in the HTML one).
 *
 * @param html the HTML variant, or null
 * @param text the plain-text variant, or null
 */
public record ErrorPage(String html, String text) {
    private static final String STANDARD_HTML = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>${status} ${reason}</title></head>
            <body>
            <h1>${status} ${reason}</h1>
            </body>
            </html>
            """;
    private static final String STANDARD_TEXT = "${status} ${reason}\n";
    private static final ErrorPage STANDARD = new ErrorPage(STANDARD_HTML, STANDARD_TEXT);

    public ErrorPage {
        if (html == null && text == null) throw new IllegalArgumentException("an error page needs an HTML or a text variant");
    }

    public static ErrorPage html(String html) {
        return new ErrorPage(html, null);
    }

    public static ErrorPage text(String text) {
        return new ErrorPage(null, text);
    }

    /** A short page naming the status, in both variants: what nginx and Apache show by default. */
    public static ErrorPage standard() {
        return STANDARD;
    }

    /**
     * Reads the variants from UTF-8 files, once, now (nginx {@code error_page 404 /404.html},
     * Apache {@code ErrorDocument 404 /404.html}); either path may be null.
     */
    public static ErrorPage fromFiles(Path html, Path text) throws IOException {
        return new ErrorPage(html == null ? null : Files.readString(html, StandardCharsets.UTF_8),
                text == null ? null : Files.readString(text, StandardCharsets.UTF_8));
    }
}
