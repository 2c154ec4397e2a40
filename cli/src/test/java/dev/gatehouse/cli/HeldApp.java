package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.StartResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An app that holds each request until the test lets it go, and notes when it is closed: shows
 * that a reload lets a request in flight finish on the old site, and closes that site after it.
 * Its state is static because the server builds it by class name.
 */
public final class HeldApp implements Application, AutoCloseable {
    static volatile CountDownLatch entered = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);
    static volatile CountDownLatch closed = new CountDownLatch(1);

    static void reset() {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        closed = new CountDownLatch(1);
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws InterruptedException {
        entered.countDown();
        if (!release.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("the test never released the request");
        startResponse.start(200);
        return Body.of("held and released");
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
