package dev.gatehouse.cli.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The middleware asked for at one level: the whole site, one virtual host or one mount. The
 * command line's options and the file's keys of the same names fill it; the command builds the
 * chain from it in one place (docs/configuration.md gives the order).
 *
 * @param trustedProxies CIDR blocks whose X-Forwarded-* headers are believed; empty for none
 * @param basicAuth an htpasswd file to check credentials against, or null
 * @param requestTimeout how long an app may take over one request, or null for no limit
 * @param gzip compress suitable responses
 * @param bodySizeLimit the largest request body let through to the apps (413 past it), or null
 * @param errorPages a page file per status code (400..599), HTML when the file ends in .html
 * @param accessLog a file to log requests to, "-" for standard output, or null
 * @param accessLogFormat combined, json or a pattern of nginx variables
 */
public record MiddlewareSpec(List<String> trustedProxies, Path basicAuth, Duration requestTimeout, boolean gzip,
        Long bodySizeLimit, Map<Integer, Path> errorPages, String accessLog, String accessLogFormat) {
    public static final String DEFAULT_LOG_FORMAT = "combined";
    public static final MiddlewareSpec NONE = new MiddlewareSpec(List.of(), null, null, false, null, Map.of(), null, DEFAULT_LOG_FORMAT);

    public MiddlewareSpec {
        trustedProxies = List.copyOf(trustedProxies);
        errorPages = java.util.Collections.unmodifiableMap(new TreeMap<>(errorPages));
        if (accessLogFormat == null) accessLogFormat = DEFAULT_LOG_FORMAT;
    }

    /** The same without the access log (the site's own log sits in front of everything, outside reloads). */
    public MiddlewareSpec withoutAccessLog() {
        return new MiddlewareSpec(trustedProxies, basicAuth, requestTimeout, gzip, bodySizeLimit, errorPages, null, DEFAULT_LOG_FORMAT);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
