package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.middleware.BasicAuth;
import dev.gatehouse.middleware.BasicAuthConfig;
import dev.gatehouse.middleware.Compression;
import dev.gatehouse.middleware.RequestTimeout;
import dev.gatehouse.middleware.TrustedProxies;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The middleware a user may put around everything served from the command line (docs/middleware.md
 * describes each). They wrap the site from the outside in: trusted proxies first (so the others,
 * and the access log, see the real client), then basic authentication, the request timeout and
 * compression.
 */
final class MiddlewareOptions {
    @Option(names = "--trusted-proxy", paramLabel = "CIDR", order = 40,
            description = "Trust X-Forwarded-For/-Proto/-Host/-Prefix from this address or network, as 10.0.0.0/8 or ::1 "
                + "(repeatable; like nginx's set_real_ip_from). From other peers these headers are dropped.")
    List<String> trustedProxies = new ArrayList<>();

    @Option(names = "--basic-auth", paramLabel = "HTPASSWD", order = 41,
            description = "Require HTTP basic authentication against this htpasswd file (bcrypt, apr1 or SHA entries); "
                + "re-read when it changes.")
    Path basicAuth;

    @Option(names = "--request-timeout", paramLabel = "TIME", order = 42, converter = TimeSpan.Converter.class,
            description = "Interrupt an app still running after TIME and answer 504, logging its stack (off by default).")
    TimeSpan requestTimeout;

    @Option(names = "--gzip", order = 43,
            description = "Compress text, JSON, JavaScript, XML and SVG responses of 1 KiB or more with gzip or deflate, "
                + "as the client accepts (like nginx's gzip on).")
    boolean gzip;

    /** {@code app} wrapped in the middleware asked for; unchanged when none was. */
    Application wrap(Application app) throws StartupException {
        Application wrapped = app;
        if (gzip) wrapped = new Compression().wrap(wrapped);
        if (requestTimeout != null) {
            if (requestTimeout.duration().toMillis() <= 0) throw new StartupException("--request-timeout must be greater than zero");
            wrapped = RequestTimeout.of(requestTimeout.duration()).wrap(wrapped);
        }
        if (basicAuth != null) {
            try {
                wrapped = new BasicAuth(BasicAuthConfig.of(basicAuth)).wrap(wrapped);
            } catch (IOException | RuntimeException e) {
                throw new StartupException("cannot use the htpasswd file " + basicAuth + ": " + e.getMessage());
            }
        }
        if (!trustedProxies.isEmpty()) {
            try {
                wrapped = TrustedProxies.trusting(trustedProxies.toArray(String[]::new)).wrap(wrapped);
            } catch (IllegalArgumentException e) {
                throw new StartupException("--trusted-proxy: " + e.getMessage());
            }
        }
        return wrapped;
    }
}
