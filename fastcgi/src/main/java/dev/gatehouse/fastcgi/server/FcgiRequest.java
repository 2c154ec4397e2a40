package dev.gatehouse.fastcgi.server;

import dev.gatehouse.fastcgi.codec.FcgiParamsDecoder;
import dev.gatehouse.fastcgi.codec.FcgiRole;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;

/**
 * One request of a connection, from BEGIN_REQUEST to END_REQUEST: its params as they arrive, its
 * body, the thread its app runs on. {@link #ended()} turns true when END_REQUEST went out, after
 * which nothing more is written for it.
 */
final class FcgiRequest {
    private final int id;
    private final FcgiRole role;
    private final boolean keepConnection;
    private final FcgiParamsDecoder params;
    private final FcgiStdin stdin;
    private boolean paramsEnded;
    private volatile boolean stdinEnded;
    private volatile Thread thread;
    private volatile boolean ended;
    private final CountDownLatch bodyReceived = new CountDownLatch(1);

    FcgiRequest(int id, FcgiRole role, boolean keepConnection, FcgiConfig config) {
        this.id = id;
        this.role = role;
        this.keepConnection = keepConnection;
        this.params = new FcgiParamsDecoder(config.maxParamsBytes(), config.maxParamsPairs());
        // The Authorizer gets no body: the responder that runs after it owns that (mod_authnz_fcgi sends no STDIN).
        this.stdin = role == FcgiRole.AUTHORIZER ? FcgiStdin.empty() : new FcgiStdin(config.stdinMemoryBytes(), config.maxBodyBytes());
        this.stdinEnded = role == FcgiRole.AUTHORIZER;
        if (stdinEnded) bodyReceived.countDown();
    }

    int id() {
        return id;
    }

    FcgiRole role() {
        return role;
    }

    boolean keepConnection() {
        return keepConnection;
    }

    FcgiParamsDecoder params() {
        return params;
    }

    FcgiStdin stdin() {
        return stdin;
    }

    boolean paramsEnded() {
        return paramsEnded;
    }

    void paramsEnded(Thread appThread) {
        paramsEnded = true;
        thread = appThread;
    }

    boolean stdinEnded() {
        return stdinEnded;
    }

    /** The empty STDIN record arrived. */
    void endStdin() {
        stdinEnded = true;
        stdin.end();
        bodyReceived.countDown();
    }

    /**
     * Waits until the web server has sent the whole body. The response must not start before: nginx
     * stops sending a request body once the response head arrives, so an app that answers while still
     * reading would wait for the rest forever. The body meanwhile goes to {@link FcgiStdin}, never
     * waiting for the app, so this wait is only as long as the web server takes to send it.
     */
    void awaitBodyReceived() throws InterruptedIOException {
        try {
            bodyReceived.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the rest of the request body");
        }
    }

    boolean started() {
        return thread != null;
    }

    /** True while the web server still owes this request PARAMS or STDIN records. */
    boolean awaitingInput() {
        return !paramsEnded || !stdinEnded;
    }

    boolean ended() {
        return ended;
    }

    /** Called under the output lock as END_REQUEST is written. */
    void markEnded() {
        ended = true;
    }

    /** Stops the app: its blocked body read or lock wait ends, and its writes are refused from now on. */
    void stopApp(String why) {
        stdin.abandon(why);
        bodyReceived.countDown();
        Thread t = thread;
        if (t != null) t.interrupt();
    }
}
