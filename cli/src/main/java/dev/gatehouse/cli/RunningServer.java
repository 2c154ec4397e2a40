package dev.gatehouse.cli;

import dev.gatehouse.fastcgi.server.FcgiServer;
import dev.gatehouse.http1.server.Http1Server;
import dev.gatehouse.middleware.AccessLog;
import dev.gatehouse.scgi.server.ScgiServer;
import dev.gatehouse.uwsgi.server.UwsgiServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The started servers (HTTP, FastCGI, SCGI, uwsgi: whichever were asked for) and what must be
 * closed after them; {@link #stop()} drains them all at once, once.
 */
final class RunningServer {
    private static final Logger log = LoggerFactory.getLogger(RunningServer.class);

    /** What stopping needs of a protocol server. */
    interface Stoppable {
        void shutdown();

        void awaitTermination() throws InterruptedException;
    }

    private final Http1Server server;
    private final FcgiServer fastcgi;
    private final ScgiServer scgi;
    private final UwsgiServer uwsgi;
    private final AccessLog accessLog;
    private final List<Stoppable> all = new ArrayList<>();
    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private final ReentrantLock stopping = new ReentrantLock();
    private boolean stopped;
    private volatile Reloader reloader;

    RunningServer(Http1Server server, FcgiServer fastcgi, ScgiServer scgi, UwsgiServer uwsgi, AccessLog accessLog) {
        this.server = server;
        this.fastcgi = fastcgi;
        this.scgi = scgi;
        this.uwsgi = uwsgi;
        this.accessLog = accessLog;
        if (server != null) all.add(stoppable(server::shutdown, server::awaitTermination));
        if (fastcgi != null) all.add(stoppable(fastcgi::shutdown, fastcgi::awaitTermination));
        if (scgi != null) all.add(stoppable(scgi::shutdown, scgi::awaitTermination));
        if (uwsgi != null) all.add(stoppable(uwsgi::shutdown, uwsgi::awaitTermination));
    }

    private interface Await {
        void await() throws InterruptedException;
    }

    private static Stoppable stoppable(Runnable shutdown, Await await) {
        return new Stoppable() {
            @Override
            public void shutdown() {
                shutdown.run();
            }

            @Override
            public void awaitTermination() throws InterruptedException {
                await.await();
            }
        };
    }

    /** Closes {@code resource} once the servers have stopped (e.g. the backends their apps talk to). */
    void closeAfter(AutoCloseable resource) {
        closeAfter.add(resource);
    }

    /** Re-reads the configuration file on {@link #reload()}. */
    void reloadWith(Reloader reloader) {
        this.reloader = reloader;
    }

    /** Re-reads the configuration file and swaps the new site in; false when refused (logged) or started without a file. */
    boolean reload() {
        Reloader r = reloader;
        if (r == null) {
            log.warn("nothing to reload: the server was started from options, not from a configuration file (--config)");
            return false;
        }
        return r.reload();
    }

    /** The HTTP server, or null when it was not asked for. */
    Http1Server server() {
        return server;
    }

    /** The FastCGI server, or null without --fastcgi. */
    FcgiServer fastcgi() {
        return fastcgi;
    }

    /** The SCGI server, or null without --scgi. */
    ScgiServer scgi() {
        return scgi;
    }

    /** The uwsgi server, or null without --uwsgi. */
    UwsgiServer uwsgi() {
        return uwsgi;
    }

    /** Blocks until every server has stopped. */
    void awaitTermination() throws InterruptedException {
        for (Stoppable s : all) s.awaitTermination();
    }

    /** Stops accepting, lets requests in flight finish within the grace period, closes the access log. */
    void stop() {
        stop(true);
    }

    /** Releases what a start that failed half-way took (listeners bound, the access log), silently. */
    void release() {
        stop(false);
    }

    private void stop(boolean announce) {
        stopping.lock();
        try {
            if (stopped) return;
            stopped = true;
            if (announce) log.info("Gatehouse stopping: finishing requests in flight");
            // all drain at once: each stops accepting first, then waits for its own requests
            List<Thread> stops = new ArrayList<>();
            for (Stoppable s : all) stops.add(Thread.ofVirtual().start(s::shutdown));
            for (Thread t : stops) t.join();
            for (AutoCloseable c : closeAfter) closeQuietly(c);
            if (accessLog != null) accessLog.close();
            if (announce) log.info("Gatehouse stopped");
        } catch (IOException e) {
            log.warn("could not close the access log: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopping.unlock();
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.debug("closing {}: {}", resource, e.toString());
        }
    }
}
