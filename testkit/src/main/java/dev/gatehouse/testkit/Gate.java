package dev.gatehouse.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a request inside the app until the test opens it: the test waits until the request has
 * {@linkplain #awaitEntered entered}, does what it needs with a request in flight, then
 * {@linkplain #open opens}. The app gives up after {@link #MAX_HOLD}, so a failed test never
 * leaves a thread parked for good.
 */
public final class Gate {
    public static final Duration MAX_HOLD = Duration.ofSeconds(30);
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);

    /** True once a request is inside the app, waiting at most {@code wait}. */
    public boolean awaitEntered(Duration wait) throws InterruptedException {
        return entered.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void open() {
        opened.countDown();
    }

    void enterAndWait() throws InterruptedException {
        entered.countDown();
        if (!opened.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the test never opened the gate");
        }
    }
}
