package dev.gatehouse.examples;

import dev.gatehouse.api.Body;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Complete small responses (known length) shared by the demo's parts. */
final class Responses {
    static final String TEXT = "text/plain; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";

    private Responses() {
    }

    static Body send(StartResponse startResponse, int status, String contentType, byte[] body) {
        startResponse.start(Status.of(status), List.of(
                Header.of("Content-Type", contentType),
                Header.of("Content-Length", Integer.toString(body.length))));
        return Body.of(body);
    }

    static Body text(StartResponse startResponse, int status, String text) {
        return send(startResponse, status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static Body html(StartResponse startResponse, String html) {
        return send(startResponse, 200, HTML, html.getBytes(StandardCharsets.UTF_8));
    }

    static Body notFound(StartResponse startResponse) {
        return text(startResponse, 404, "Not Found\n");
    }

    static Body methodNotAllowed(StartResponse startResponse, String allowed) {
        byte[] body = "Method Not Allowed\n".getBytes(StandardCharsets.US_ASCII);
        startResponse.start(Status.of(405), List.of(
                Header.of("Allow", allowed),
                Header.of("Content-Type", TEXT),
                Header.of("Content-Length", Integer.toString(body.length))));
        return Body.of(body);
    }
}
