package dev.gatehouse.web;

/** The built-in pages: a short HTML page naming the status and the error's message. */
final class ErrorPages {
    private ErrorPages() {
    }

    static String plain(HttpError error) {
        String title = error.status() + " " + dev.gatehouse.api.Status.reasonFor(error.status());
        String message = error.getMessage();
        StringBuilder html = new StringBuilder(256).append("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(title)).append("</title></head>\n<body><h1>").append(Html.escape(title)).append("</h1>\n");
        if (error instanceof Redirect r) {
            html.append("<p><a href=\"").append(Html.escape(r.location())).append("\">").append(Html.escape(r.location())).append("</a></p>\n");
        } else if (message != null && !message.equals(dev.gatehouse.api.Status.reasonFor(error.status()))) {
            html.append("<p>").append(Html.escape(message)).append("</p>\n");
        }
        return html.append("</body></html>\n").toString();
    }
}
