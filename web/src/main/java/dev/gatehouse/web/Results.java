package dev.gatehouse.web;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What a handler's return value means. String: text/html; byte[]: application/octet-stream;
 * {@link Renderable}: its own type; {@link Path}: the file; InputStream: streamed; a
 * {@link Response}: itself; null (or void): the pending response as it is, 204 No Content unless
 * the handler set a status. A type the handler chose on {@link Request#response()} wins over
 * these defaults.
 */
final class Results {
    private Results() {
    }

    /** Puts {@code result} into {@code target} (the pending response), or returns the handler's own response. */
    static Response toResponse(Object result, Response target) throws Exception {
        return switch (result) {
            case null -> target.statusWasSet() || target.hasContent() ? target : target.withStatus(204);
            case Response own -> own.inheritFrom(target);
            case String html -> target.content(new Response.Content.Bytes(html.getBytes(StandardCharsets.UTF_8)), "text/html; charset=utf-8");
            case byte[] bytes -> target.content(new Response.Content.Bytes(bytes), "application/octet-stream");
            case Renderable r -> target.content(new Response.Content.Bytes(r.render()), r.contentType());
            case Path file -> target.content(new Response.Content.File(file), ContentTypes.forFile(file));
            case InputStream in -> target.content(new Response.Content.Stream(in), "application/octet-stream");
            default -> throw new IllegalArgumentException("a handler returned a " + result.getClass().getName()
                    + "; return a String, byte[], Renderable, Path, InputStream, Response or null");
        };
    }
}
