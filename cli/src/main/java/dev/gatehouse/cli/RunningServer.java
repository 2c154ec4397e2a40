package dev.gatehouse.cli;

import dev.gatehouse.http1.server.Http1Server;
import dev.gatehouse.middleware.AccessLog;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A started server and what must be closed after it; {@link #stop()} drains it, once. */
final class RunningServer {
    private static final Logger log = LoggerFactory.getLogger(RunningServer.class);

    private final Http1Server server;
    private final AccessLog accessLog;
    private final ReentrantLock stopping = new ReentrantLock();
    private boolean stopped;

    RunningServer(Http1Server server, AccessLog accessLog) {
        this.server = server;
        this.accessLog = accessLog;
    }

    Http1Server server() {
        return server;
    }

    /** Stops accepting, lets requests in flight finish within the grace period, closes the access log. */
    void stop() {
        stopping.lock();
        try {
            if (stopped) return;
            stopped = true;
            log.info("Gatehouse stopping: finishing requests in flight");
            server.shutdown();
            if (accessLog != null) accessLog.close();
            log.info("Gatehouse stopped");
        } catch (IOException e) {
            log.warn("could not close the access log: {}", e.toString());
        } finally {
            stopping.unlock();
        }
    }
}
