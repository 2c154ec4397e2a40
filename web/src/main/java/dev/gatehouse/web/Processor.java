package dev.gatehouse.web;

/**
 * Code that runs around every request's handler, like web.py's processors: load a session before
 * and save it after, check a CSRF token, time the request. It calls {@code next.proceed()} to run
 * the rest of the chain (later processors, then the handler) and returns its result, or returns
 * or throws something else instead. It also runs when no route matches (the chain then throws
 * {@link NotFound}) or the method is not allowed, so it sees every request of its app.
 */
@FunctionalInterface
public interface Processor {
    Object process(Request request, Chain next) throws Exception;

    /** The rest of the chain. */
    @FunctionalInterface
    interface Chain {
        Object proceed() throws Exception;
    }
}
