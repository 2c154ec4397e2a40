package dev.gatehouse.api;

/** Wraps an application in another: {@code Application -> Application}. */
@FunctionalInterface
public interface Middleware {
    Application wrap(Application next);

    /** This middleware around {@code inner}'s result: {@code a.andThen(b).wrap(app) == a.wrap(b.wrap(app))}. */
    default Middleware andThen(Middleware inner) {
        return app -> wrap(inner.wrap(app));
    }
}
