package dev.gatehouse.middleware;

/**
 * The option of {@link RequestSizeLimit}, with its default.
 *
 * @param maxBodyBytes the largest request body let through (nginx {@code client_max_body_size},
 *                     default 1 MiB there; Apache {@code LimitRequestBody}); default 1 MiB
 */
public record RequestSizeLimitConfig(long maxBodyBytes) {
    public static final RequestSizeLimitConfig DEFAULTS = new RequestSizeLimitConfig(1024 * 1024);

    public RequestSizeLimitConfig {
        if (maxBodyBytes < 0) throw new IllegalArgumentException("maxBodyBytes must not be negative: " + maxBodyBytes);
    }

    public static RequestSizeLimitConfig defaults() {
        return DEFAULTS;
    }

    public RequestSizeLimitConfig withMaxBodyBytes(long v) {
        return new RequestSizeLimitConfig(v);
    }
}
