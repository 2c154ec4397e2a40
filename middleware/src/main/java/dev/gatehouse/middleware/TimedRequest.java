package dev.gatehouse.middleware;

import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.StartResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request under a {@link RequestTimeout}: its timer, and the hand-over between the timer
 * thread and the request's thread. The request's thread is interrupted only while it runs app
 * code (between {@link #enter()} and {@link #exit()}), never while the server writes, and an
 * interrupt the timer caused is cleared on the way out.
 */
final class TimedRequest extends CommitTracking {
    private static final Logger log = LoggerFactory.getLogger(RequestTimeout.class);

    private final Environ environ;
    private final Duration timeout;
    private final ReentrantLock lock = new ReentrantLock();
    private Thread appThread;
    private boolean inApp;
    private boolean timedOut;
    private boolean done;
    private ScheduledFuture<?> timer;

    TimedRequest(StartResponse server, Environ environ, Duration timeout) {
        super(server);
        this.environ = environ;
        this.timeout = timeout;
    }

    void schedule(ScheduledExecutorService timers) {
        timer = timers.schedule(this::fire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** App code starts running on this thread. */
    void enter() {
        lock.lock();
        try {
            appThread = Thread.currentThread();
            inApp = !timedOut;
        } finally {
            lock.unlock();
        }
    }

    /** App code stopped running; clears the interrupt if the timer sent one. */
    void exit() {
        boolean interruptedByTimer;
        lock.lock();
        try {
            interruptedByTimer = timedOut && inApp;
            inApp = false;
        } finally {
            lock.unlock();
        }
        if (interruptedByTimer) Thread.interrupted();
    }

    boolean timedOut() {
        lock.lock();
        try {
            return timedOut;
        } finally {
            lock.unlock();
        }
    }

    /** The request is over (body ended or closed): the timer is cancelled. */
    void finish() {
        lock.lock();
        try {
            done = true;
        } finally {
            lock.unlock();
        }
        if (timer != null) timer.cancel(false);
    }

    /**
     * Runs on the timer thread when the time is up: marks the request timed out, logs where the
     * app's thread is, then interrupts it if it is still in app code. The log line comes first,
     * so it is written before anything the interrupted app does.
     */
    private void fire() {
        StackTraceElement[] stack = null;
        Thread thread;
        lock.lock();
        try {
            if (done) return;
            timedOut = true;
            thread = appThread;
            if (inApp && thread != null) stack = thread.getStackTrace();
        } finally {
            lock.unlock();
        }
        String request = environ.requestMethod() + " " + ErrorPages.target(environ);
        if (stack != null) {
            RequestTimeoutException where = new RequestTimeoutException("stack of the application's thread " + thread
                    + " at the timeout");
            where.setStackTrace(stack);
            log.warn("request timed out after {}: {}; interrupting the application", timeout, request, where);
        } else {
            log.warn("request timed out after {}: {}; the application is not running (between two body chunks)", timeout, request);
        }
        lock.lock();
        try {
            if (inApp && appThread == thread && thread != null) thread.interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The 504 that replaces the response, if none of it went out; otherwise throws, so the server
     * aborts the connection. Either way the request is over for the timer.
     */
    Body answerTimeout(Throwable cause) throws RequestTimeoutException {
        finish();
        String message = "request timed out after " + timeout;
        if (committed()) {
            throw new RequestTimeoutException(message + " after its response had started; aborting it", cause);
        }
        return StockResponse.answer(environ, server(), 504, List.of(), new RequestTimeoutException(message, cause));
    }
}
