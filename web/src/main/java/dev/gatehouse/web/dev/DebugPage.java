package dev.gatehouse.web.dev;

import dev.gatehouse.api.Environ;
import dev.gatehouse.web.Html;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The development-mode error page: the exception, its stack trace (causes included) and the
 * request's environ, all HTML-escaped. A {@code WebApp} shows it only when its config has
 * {@code devMode} on; in production the client gets a plain 500 page and the trace goes to the log.
 */
public final class DebugPage {
    private DebugPage() {
    }

    public static String render(Throwable failure, Environ environ) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        StringBuilder html = new StringBuilder(8192)
                .append("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>500 ")
                .append(Html.escape(failure.getClass().getSimpleName())).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em}pre{background:#f4f4f4;padding:1em;overflow:auto}")
                .append("td{vertical-align:top;padding:2px 8px;font-family:monospace}</style></head>\n<body>\n")
                .append("<h1>500 Internal Server Error (development mode)</h1>\n<h2>")
                .append(Html.escape(failure.getClass().getName())).append(": ").append(Html.escape(failure.getMessage()))
                .append("</h2>\n<h3>Stack trace</h3>\n<pre>").append(Html.escape(trace.toString())).append("</pre>\n")
                .append("<h3>Environ</h3>\n<table>\n");
        Map<String, Object> sorted = new TreeMap<>(environ.asMap());
        sorted.forEach((key, value) -> html.append("<tr><td>").append(Html.escape(key)).append("</td><td>")
                .append(Html.escape(String.valueOf(value))).append("</td></tr>\n"));
        return html.append("</table>\n<p>Never run with development mode on in production.</p>\n</body></html>\n").toString();
    }
}
