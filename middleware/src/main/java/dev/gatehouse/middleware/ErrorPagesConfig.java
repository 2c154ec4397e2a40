package dev.gatehouse.middleware;

import java.util.Map;

/**
 * The options of {@link ErrorPages}, each with its default.
 *
 * @param pages a page per status code, 400..599 (nginx {@code error_page}, Apache
 *              {@code ErrorDocument}); default none
 * @param fallback the page for an error status without its own page, or null to leave those
 *                 responses alone; default {@link ErrorPage#standard()}
 * @param interceptAll replace the body of every error response that has a page, also when the
 *                     app wrote one of its own (nginx {@code proxy_intercept_errors on}); default
 *                     false: only empty bodies and the stock bodies of Gatehouse's middleware
 * @param debug answer an exception from the app with a page that shows its stack trace (HTML
 *              escaped); for development only; default false: clients never see a trace
 */
public record ErrorPagesConfig(Map<Integer, ErrorPage> pages, ErrorPage fallback, boolean interceptAll, boolean debug) {

    public static final ErrorPagesConfig DEFAULTS = new ErrorPagesConfig(Map.of(), ErrorPage.standard(), false, false);

    public ErrorPagesConfig {
        pages = Map.copyOf(pages);
        for (int code : pages.keySet()) {
            if (code < 400 || code > 599) throw new IllegalArgumentException("error pages are for statuses 400..599, not " + code);
        }
    }

    public static ErrorPagesConfig defaults() {
        return DEFAULTS;
    }

    public ErrorPagesConfig withPages(Map<Integer, ErrorPage> v) {
        return new ErrorPagesConfig(v, fallback, interceptAll, debug);
    }

    /** These pages, and this one for {@code code}. */
    public ErrorPagesConfig withPage(int code, ErrorPage page) {
        java.util.Map<Integer, ErrorPage> map = new java.util.HashMap<>(pages);
        map.put(code, page);
        return withPages(map);
    }

    public ErrorPagesConfig withFallback(ErrorPage v) {
        return new ErrorPagesConfig(pages, v, interceptAll, debug);
    }

    public ErrorPagesConfig withInterceptAll(boolean v) {
        return new ErrorPagesConfig(pages, fallback, v, debug);
    }

    public ErrorPagesConfig withDebug(boolean v) {
        return new ErrorPagesConfig(pages, fallback, interceptAll, v);
    }
}
