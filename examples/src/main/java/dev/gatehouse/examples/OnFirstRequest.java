package dev.gatehouse.examples;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.StartResponse;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An app built when its first request arrives, then reused: the demo mounts apps that open a
 * database this way, so a demo that never visits them creates no files. A factory that fails is
 * tried again on the next request (the request itself gets the failure, answered 500).
 */
final class OnFirstRequest implements Application {
    private final Supplier<? extends Application> factory;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Application app;

    OnFirstRequest(Supplier<? extends Application> factory) {
        this.factory = factory;
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws Exception {
        return app().call(environ, startResponse);
    }

    private Application app() {
        Application built = app;
        if (built != null) return built;
        lock.lock();
        try {
            if (app == null) app = factory.get();
            return app;
        } finally {
            lock.unlock();
        }
    }
}
