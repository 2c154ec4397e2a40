package dev.gatehouse.examples;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.PathCodec;
import dev.gatehouse.api.StartResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A small HTML form that posts back to itself. GET shows it; a POST of
 * {@code application/x-www-form-urlencoded} shows every field received, HTML-escaped, above the
 * form filled in again. Other media types get 415, bodies over 1 MiB 413, other methods 405.
 */
public final class FormPage implements Application {
    static final int MAX_BODY = 1024 * 1024;
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws IOException {
        return switch (environ.requestMethod()) {
            case "GET", "HEAD" -> Responses.html(startResponse, page(environ, null));
            case "POST" -> received(environ, startResponse);
            default -> Responses.methodNotAllowed(startResponse, "GET, HEAD, POST");
        };
    }

    private static Body received(Environ environ, StartResponse startResponse) throws IOException {
        if (!isFormType(environ.contentType())) {
            return Responses.text(startResponse, 415, "POST the form as " + FORM_TYPE + "\n");
        }
        byte[] body = RequestBody.readAtMost(environ, MAX_BODY);
        if (body == null) return Responses.text(startResponse, 413, "The form is larger than " + MAX_BODY + " bytes\n");
        return Responses.html(startResponse, page(environ, FormData.parse(new String(body, StandardCharsets.ISO_8859_1))));
    }

    private static boolean isFormType(String contentType) {
        if (contentType == null) return false;
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.equalsIgnoreCase(FORM_TYPE);
    }

    private static String page(Environ environ, FormData received) {
        StringBuilder html = new StringBuilder(Html.page("Form"));
        if (received != null) {
            html.append("<h2>Received</h2>\n");
            if (received.fields().isEmpty()) html.append("<p>No fields.</p>\n");
            else appendFields(html, received);
        }
        String name = received == null || received.first("name") == null ? "" : received.first("name");
        String message = received == null || received.first("message") == null ? "" : received.first("message");
        String action = PathCodec.encode(environ.scriptName() + environ.pathInfo());
        html.append("<form method=\"post\" action=\"").append(Html.escape(action.isEmpty() ? "/" : action))
                .append("\" accept-charset=\"utf-8\">\n")
                .append("<p><label>Name <input name=\"name\" value=\"").append(Html.escape(name)).append("\"></label></p>\n")
                .append("<p><label>Message<br><textarea name=\"message\" rows=\"4\" cols=\"40\">")
                .append(Html.escape(message)).append("</textarea></label></p>\n")
                .append("<p><button type=\"submit\">Send</button></p>\n</form>\n")
                .append(Html.END);
        return html.toString();
    }

    private static void appendFields(StringBuilder html, FormData received) {
        html.append("<table>\n<tr><th>name</th><th>value</th></tr>\n");
        for (FormData.Field f : received.fields()) {
            html.append("<tr><td>").append(Html.escape(f.name())).append("</td><td><pre>")
                    .append(Html.escape(f.value())).append("</pre></td></tr>\n");
        }
        html.append("</table>\n");
    }
}
