package dev.gatehouse.middleware;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Middleware;
import dev.gatehouse.api.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives error responses the site's own pages: nginx's {@code error_page}, Apache's
 * {@code ErrorDocument}. An error response (400..599) that has a page (its own, or the
 * {@link ErrorPagesConfig#fallback() fallback}) gets it in place of its body when
 * <ul>
 *   <li>its body is empty (it declared {@code Content-Length: 0}, or produced no byte), or</li>
 *   <li>its body is a stock one from Gatehouse's middleware ({@link BasicAuth}'s 401,
 *       {@link RequestSizeLimit}'s 413, {@link RequestTimeout}'s 504...), which marks the environ
 *       with {@link #STOCK_RESPONSE}, or</li>
 *   <li>{@link ErrorPagesConfig#interceptAll()} is on.</li>
 * </ul>
 * An app that writes its own error body keeps it otherwise. The page is HTML or plain text by
 * the request's {@code Accept}; the response keeps its status and its headers but those that
 * described the old body (Content-Type, -Length, -Encoding, ETag, Last-Modified...), so a 401
 * keeps its {@code WWW-Authenticate}, a 405 its {@code Allow}.
 *
 * <p>An exception from the app before the head went out is logged with its trace and answered
 * with the 500 page; clients never see the trace, unless {@link ErrorPagesConfig#debug()} is on:
 * then the page shows the exception and its stack trace, HTML-escaped. Without a 500 page (no
 * fallback) and without debug, the exception goes on to the server, which answers its own 500.
 *
 * <p>Deciding needs a look at the body: a response that may be replaced is held back (the server
 * sends nothing before the first body byte anyway) until its first non-empty chunk or its end.
 */
public final class ErrorPages implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    /**
     * Environ key, an {@code Integer}: set by a middleware that answers by itself with a stock
     * body for that status, which an ErrorPages further out may replace.
     */
    public static final String STOCK_RESPONSE = "gatehouse.stock_response";

    /** Headers that describe the replaced body rather than the response. */
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-length", "content-encoding",
            "content-language", "content-location", "content-disposition", "content-md5", "etag", "last-modified",
            "accept-ranges");

    private final ErrorPagesConfig config;

    public ErrorPages() {
        this(ErrorPagesConfig.defaults());
    }

    public ErrorPages(ErrorPagesConfig config) {
        this.config = config;
    }

    public ErrorPagesConfig config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (environ, startResponse) -> {
            ErrorPagesResponse response = new ErrorPagesResponse(startResponse, environ, this);
            Body body;
            try {
                body = next.call(environ, response);
            } catch (Exception | Error error) {
                Body page = response.failed(error);
                if (page == null) throw error;
                return page;
            }
            return response.body(body);
        };
    }

    ErrorPage pageFor(int code) {
        if (code < 400 || code > 599) return null;
        ErrorPage page = config.pages().get(code);
        return page != null ? page : config.fallback();
    }

    /** True if an exception can be answered here rather than by the server. */
    boolean answersExceptions() {
        return config.debug() || pageFor(500) != null;
    }

    /** The head and bytes of {@code page} for {@code status}, in the variant the request prefers. */
    Rendered render(Environ environ, Status status, List<Header> original, ErrorPage page) {
        boolean html = prefersHtml(environ, page);
        String template = html ? page.html() : page.text();
        String reason = status.reason().isEmpty() ? Status.reasonFor(status.code()) : status.reason();
        String body = template.replace("${status}", Integer.toString(status.code()))
                .replace("${reason}", html ? escapeHtml(reason) : reason);
        return rendered(status, original, html, body, page.html() != null && page.text() != null);
    }

    /** The debug page for an exception: its trace, escaped, in HTML or plain text. */
    Rendered renderException(Environ environ, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        String request = environ.requestMethod() + " " + target(environ);
        boolean html = prefersHtml(environ, new ErrorPage("", ""));
        String body = html
                ? "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>500 Internal Server Error</title></head>\n"
                        + "<body>\n<h1>500 Internal Server Error</h1>\n<p>" + escapeHtml(request) + "</p>\n<pre>"
                        + escapeHtml(trace.toString()) + "</pre>\n</body>\n</html>\n"
                : "500 Internal Server Error\n" + request + "\n\n" + trace;
        return rendered(Status.INTERNAL_SERVER_ERROR, List.of(), html, body, true);
    }

    private static Rendered rendered(Status status, List<Header> original, boolean html, String body, boolean negotiated) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        List<Header> headers = new ArrayList<>(original.size() + 3);
        for (Header h : original) {
            if (!BODY_HEADERS.contains(HeaderLists.lower(h.name()))) headers.add(h);
        }
        headers.add(Header.of("Content-Type", html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8"));
        headers.add(Header.of("Content-Length", Integer.toString(bytes.length)));
        if (negotiated) headers = HeaderLists.withVary(headers, "Accept");
        return new Rendered(status, List.copyOf(headers), bytes);
    }

    record Rendered(Status status, List<Header> headers, byte[] body) {
    }

    /**
     * HTML unless the client weighs text/plain higher than text/html (the most specific of its
     * media ranges deciding each weight), or the page has only a text variant.
     */
    static boolean prefersHtml(Environ environ, ErrorPage page) {
        if (page.text() == null) return true;
        if (page.html() == null) return false;
        String accept = environ.getString("HTTP_ACCEPT");
        if (accept == null) return true;
        List<String> ranges = HeaderLists.split(accept);
        if (ranges == null) return true;
        int html = weight(ranges, "text", "html");
        int plain = weight(ranges, "text", "plain");
        return html >= plain;
    }

    private static int weight(List<String> ranges, String type, String subtype) {
        int best = -1;
        int specificity = -1;
        for (String range : ranges) {
            String name = HeaderLists.name(range);
            int weight = HeaderLists.weight(range);
            if (weight < 0) continue;
            int s = name.equals(type + "/" + subtype) ? 2 : name.equals(type + "/*") ? 1 : name.equals("*/*") ? 0 : -1;
            if (s > specificity) {
                specificity = s;
                best = weight;
            }
        }
        return Math.max(best, 0);
    }

    static String escapeHtml(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String target(Environ environ) {
        String uri = environ.getString(EnvironKeys.REQUEST_URI);
        return uri != null ? uri : environ.scriptName() + environ.pathInfo();
    }

    static void logFailure(Environ environ, Throwable error) {
        log.error("error in the application for {} {}; answered with the 500 page", environ.requestMethod(), target(environ), error);
    }
}
