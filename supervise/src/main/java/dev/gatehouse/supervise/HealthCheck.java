package dev.gatehouse.supervise;

import dev.gatehouse.core.net.ListenAddress;
import java.io.IOException;
import java.time.Duration;

/**
 * The check a new process must pass before it gets traffic. It runs a few times a second while
 * the process starts (at most {@link SupervisorConfig#startTimeout()} in all); once it passes,
 * the process is ready. It is never run against a process that serves: php-cgi serves one
 * connection at a time, so a probe could only queue behind real requests. A serving process is
 * watched by its exit instead.
 */
@FunctionalInterface
public interface HealthCheck {
    /**
     * Returns if the backend at {@code address} answers; throws saying why not. Must return or
     * throw within {@code timeout}.
     */
    void check(ListenAddress address, Duration timeout) throws IOException;

    /** Passes once a connection to the socket succeeds. */
    static HealthCheck connect() {
        return HealthProbes::connect;
    }

    /**
     * Passes once the process answers FCGI_GET_VALUES with FCGI_GET_VALUES_RESULT: it accepts
     * connections and speaks FastCGI (php-cgi, Gatehouse's FastCGI server and libfcgi apps do).
     */
    static HealthCheck fastcgi() {
        return HealthProbes::fastcgi;
    }

    /** Passes once {@code GET path} over HTTP/1.0 gets a status line, whatever the status. */
    static HealthCheck http(String path) {
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c >= 0x7F)) {
            throw new IllegalArgumentException("an HTTP health-check path starts with / and has no spaces or control characters: '" + path + "'");
        }
        return (address, timeout) -> HealthProbes.http(address, timeout, path);
    }
}
