package dev.gatehouse.web;

/**
 * Renders the answer to an {@link HttpError}, e.g. {@code app.errorPage(404, (req, e) -> "<h1>Gone fishing</h1>")}.
 * It returns what a handler returns; the status is the error's unless a returned
 * {@link Response} sets its own. For 500 the error's cause is the uncaught exception (log it,
 * never show it).
 */
@FunctionalInterface
public interface ErrorPage {
    Object render(Request request, HttpError error) throws Exception;
}
