package dev.gatehouse.middleware;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.FileBody;
import dev.gatehouse.api.Middleware;
import java.io.IOException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * Bounds the time an app may take over one request: nginx's {@code proxy_read_timeout} (504),
 * mod_wsgi's {@code request-timeout}, gunicorn's worker {@code timeout}, but per request and
 * without killing anything. When the time is up:
 * <ul>
 *   <li>a warning is logged with the request and the stack trace of the app's thread at that
 *       moment (where it was stuck), and the thread is interrupted, if the app is running (in its
 *       call or in its body's {@code next}); an app that is between two chunks meets the timeout
 *       when its body is next asked for one;</li>
 *   <li>once the app returns (an interrupted app usually throws), its response is replaced by a
 *       stock 504 if no byte of it went out yet; otherwise the connection is aborted (a
 *       {@link RequestTimeoutException} goes to the server), since a cut response must not look
 *       complete. The interrupt is cleared before the server writes again.</li>
 * </ul>
 * The timer runs from the app's call to the end of its body, the server's writes between two
 * chunks included: a client that reads too slowly can use the time up too, and then the response
 * is aborted at the next chunk without interrupting anything. A {@link FileBody} is the server's
 * to send (its write timeout bounds that): the timer stops when the app returns one. An app that ignores interrupts keeps its thread until it
 * returns: Java cannot stop a thread safely, so the timeout answers the client and logs where the
 * app was, nothing more. An app blocked reading the request body loses the connection when
 * interrupted (a JDK channel closes when a thread blocked on it is interrupted): the server's
 * body-read timeout, shorter, normally fires first.
 */
public final class RequestTimeout implements Middleware {
    /** One platform thread for all timers; each request's timer is cancelled when its body closes. */
    static final ScheduledThreadPoolExecutor TIMERS = timers();

    private final RequestTimeoutConfig config;

    public RequestTimeout(RequestTimeoutConfig config) {
        this.config = config;
    }

    /** A timeout of {@code timeout}. */
    public static RequestTimeout of(java.time.Duration timeout) {
        return new RequestTimeout(new RequestTimeoutConfig(timeout));
    }

    public RequestTimeoutConfig config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (environ, startResponse) -> {
            TimedRequest request = new TimedRequest(startResponse, environ, config.timeout());
            request.schedule(TIMERS);
            Body body = null;
            try {
                request.enter();
                try {
                    body = next.call(environ, request);
                } finally {
                    request.exit();
                }
            } catch (Exception | Error error) {
                if (!request.timedOut()) {
                    request.finish();
                    throw error;
                }
                return request.answerTimeout(error);
            }
            if (request.timedOut()) {
                closeQuietly(body);
                return request.answerTimeout(null);
            }
            if (body instanceof FileBody) {
                request.finish();
                return body;
            }
            return new TimedBody(body, request);
        };
    }

    static void closeQuietly(Body body) {
        if (body == null) return;
        try {
            body.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(RequestTimeout.class).debug("closing a timed-out body failed: {}", e.toString());
        }
    }

    /** The app's body: each {@code next} runs under the timer; a timeout turns into a 504 or an abort. */
    private static final class TimedBody implements Body {
        private final Body inner;
        private final TimedRequest request;
        private Body replacement;

        TimedBody(Body inner, TimedRequest request) {
            this.inner = inner;
            this.request = request;
        }

        @Override
        public byte[] next() throws IOException {
            if (replacement != null) return replacement.next();
            if (request.timedOut()) { // the time ran out between two chunks: the app does not run again
                replacement = request.answerTimeout(null);
                return replacement.next();
            }
            byte[] chunk;
            try {
                request.enter();
                try {
                    chunk = inner.next();
                } finally {
                    request.exit();
                }
            } catch (IOException | RuntimeException | Error e) {
                if (!request.timedOut()) throw e;
                replacement = request.answerTimeout(e);
                return replacement.next();
            }
            if (request.timedOut()) {
                replacement = request.answerTimeout(null);
                return replacement.next();
            }
            if (chunk == null) request.finish();
            return request.committed(chunk);
        }

        @Override
        public void close() throws IOException {
            request.finish();
            inner.close();
        }
    }

    private static ScheduledThreadPoolExecutor timers() {
        ThreadFactory factory = Thread.ofPlatform().name("gatehouse-request-timeout").daemon(true).factory();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, factory);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
