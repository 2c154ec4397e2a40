package dev.gatehouse.web.templates;

/**
 * How {@link Templates} behaves.
 *
 * @param development re-read templates on every render (no cache), so edits show at once;
 *     production keeps compiled templates in a bounded cache
 * @param cacheSize how many compiled templates the production cache keeps (least recently used go)
 * @param maxRenderedChars a render producing more characters than this fails instead of filling memory
 * @param strictVariables an undefined variable is an error instead of rendering as empty
 */
public record TemplateOptions(boolean development, int cacheSize, int maxRenderedChars, boolean strictVariables) {
    public static final int DEFAULT_CACHE_SIZE = 200;
    public static final int DEFAULT_MAX_RENDERED_CHARS = 8 * 1024 * 1024;

    public TemplateOptions {
        if (cacheSize < 1) throw new IllegalArgumentException("cacheSize must be at least 1, was " + cacheSize);
        if (maxRenderedChars < 1) throw new IllegalArgumentException("maxRenderedChars must be at least 1, was " + maxRenderedChars);
    }

    /** Cached, lenient about undefined variables. */
    public static TemplateOptions forProduction() {
        return new TemplateOptions(false, DEFAULT_CACHE_SIZE, DEFAULT_MAX_RENDERED_CHARS, false);
    }

    /** Re-read on every render. */
    public static TemplateOptions forDevelopment() {
        return new TemplateOptions(true, DEFAULT_CACHE_SIZE, DEFAULT_MAX_RENDERED_CHARS, false);
    }

    public TemplateOptions withCacheSize(int size) {
        return new TemplateOptions(development, size, maxRenderedChars, strictVariables);
    }

    public TemplateOptions withMaxRenderedChars(int chars) {
        return new TemplateOptions(development, cacheSize, chars, strictVariables);
    }

    public TemplateOptions withStrictVariables(boolean strict) {
        return new TemplateOptions(development, cacheSize, maxRenderedChars, strict);
    }
}
