package dev.gatehouse.cli;

import dev.gatehouse.fastcgi.server.FcgiServer;
import dev.gatehouse.http1.server.Http1Server;
import dev.gatehouse.middleware.AccessLog;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The started servers (HTTP, FastCGI, or both) and what must be closed after them; {@link #stop()} drains them, once. */
final class RunningServer {
    private static final Logger log = LoggerFactory.getLogger(RunningServer.class);

    private final Http1Server server;
    private final FcgiServer fastcgi;
    private final AccessLog accessLog;
    private final ReentrantLock stopping = new ReentrantLock();
    private boolean stopped;

    RunningServer(Http1Server server, FcgiServer fastcgi, AccessLog accessLog) {
        this.server = server;
        this.fastcgi = fastcgi;
        this.accessLog = accessLog;
    }

    /** The HTTP server, or null when only FastCGI was asked for. */
    Http1Server server() {
        return server;
    }

    /** The FastCGI server, or null without --fastcgi. */
    FcgiServer fastcgi() {
        return fastcgi;
    }

    /** Blocks until every server has stopped. */
    void awaitTermination() throws InterruptedException {
        if (server != null) server.awaitTermination();
        if (fastcgi != null) fastcgi.awaitTermination();
    }

    /** Stops accepting, lets requests in flight finish within the grace period, closes the access log. */
    void stop() {
        stopping.lock();
        try {
            if (stopped) return;
            stopped = true;
            log.info("Gatehouse stopping: finishing requests in flight");
            // both drain at once: each stops accepting first, then waits for its own requests
            Thread fcgiStop = fastcgi == null ? null : Thread.ofVirtual().start(fastcgi::shutdown);
            if (server != null) server.shutdown();
            if (fcgiStop != null) fcgiStop.join();
            if (accessLog != null) accessLog.close();
            log.info("Gatehouse stopped");
        } catch (IOException e) {
            log.warn("could not close the access log: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopping.unlock();
        }
    }
}
