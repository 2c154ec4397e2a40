package dev.gatehouse.middleware;

import java.time.Duration;

/**
 * The option of {@link RequestTimeout}, with its default.
 *
 * @param timeout how long the app may take over one request, its call and the iteration of its
 *                body (nginx {@code proxy_read_timeout} / {@code fastcgi_read_timeout}, Apache
 *                {@code ProxyTimeout}, mod_wsgi {@code request-timeout}); default 60 s
 */
public record RequestTimeoutConfig(Duration timeout) {
    public static final RequestTimeoutConfig DEFAULTS = new RequestTimeoutConfig(Duration.ofSeconds(60));

    public RequestTimeoutConfig {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be positive: " + timeout);
        }
    }

    public static RequestTimeoutConfig defaults() {
        return DEFAULTS;
    }

    public RequestTimeoutConfig withTimeout(Duration v) {
        return new RequestTimeoutConfig(v);
    }
}
