package dev.gatehouse.web;

/**
 * A route handler in the lambda style: {@code app.get("/hello/(\\w+)", req -> "Hi " + req.group(1))}.
 * It returns what a handler class method returns (String, byte[], Renderable, Path,
 * InputStream, Response, or null) and may throw {@link HttpError}s.
 */
@FunctionalInterface
public interface Handler {
    Object handle(Request request) throws Exception;
}
