package dev.gatehouse.examples;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.StartResponse;
import java.io.IOException;

/**
 * Answers with the request body, unchanged, under the request's Content-Type
 * ({@code application/octet-stream} when it has none). The body is read whole, up to a limit
 * (413 past it), so the answer carries a Content-Length.
 */
public final class EchoApp implements Application {
    public static final int DEFAULT_LIMIT = 64 * 1024 * 1024;
    private final int limit;

    public EchoApp() {
        this(DEFAULT_LIMIT);
    }

    public EchoApp(int limit) {
        if (limit < 0 || limit == Integer.MAX_VALUE) throw new IllegalArgumentException("limit out of range: " + limit);
        this.limit = limit;
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws IOException {
        byte[] body = RequestBody.readAtMost(environ, limit);
        if (body == null) return Responses.text(startResponse, 413, "The body is larger than " + limit + " bytes\n");
        String type = environ.contentType();
        return Responses.send(startResponse, 200, type == null || type.isEmpty() ? "application/octet-stream" : type, body);
    }
}
