package dev.gatehouse.testkit;

import dev.gatehouse.api.Application;
import java.io.IOException;

/**
 * One inbound adapter as the {@link ConformanceSuite} drives it: serve an application, send it
 * requests the way that adapter's clients would, and stop. Implement it once per adapter (HTTP on
 * TCP, HTTP on a Unix socket, FastCGI through a FastCGI client, CGI through a process, ...).
 */
public interface ConformanceHarness extends AutoCloseable {
    /** Starts serving {@code app}; called once per test, before any {@link #send}. */
    void start(Application app) throws Exception;

    /**
     * Sends one request on a fresh connection and returns the response the client saw. May be
     * called from several threads at once.
     */
    TestResponse send(TestRequest request) throws Exception;

    /** Stops serving and releases everything {@link #start} took. Safe to call when not started. */
    @Override
    void close() throws IOException;
}
