package dev.gatehouse.cli;

import dev.gatehouse.cli.config.ByteSize;
import dev.gatehouse.cli.config.MiddlewareSpec;
import dev.gatehouse.cli.config.TimeSpan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The middleware a user may put around everything served from the command line (docs/middleware.md
 * describes each); the file's keys of the same names say the same per site, host or mount. Both
 * become a {@link MiddlewareSpec}, which {@link MiddlewareChain} builds.
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

    @Option(names = "--body-size-limit", paramLabel = "SIZE", order = 44, converter = ByteSize.Converter.class,
            description = "Answer 413 to request bodies larger than SIZE before the apps read them (like nginx's client_max_body_size; "
                + "off by default: only --max-body-size applies).")
    ByteSize bodySizeLimit;

    @Option(names = "--error-page", paramLabel = "CODE=FILE", order = 45,
            description = "Answer errors of status CODE (400..599) with the page in FILE, HTML when it ends in .html (repeatable; "
                + "like nginx's error_page).")
    Map<Integer, Path> errorPages = new LinkedHashMap<>();

    /** The middleware these options ask for, with the site's access log. */
    MiddlewareSpec toSpec(String accessLog, String accessLogFormat) {
        for (int code : errorPages.keySet()) {
            if (code < 400 || code > 599) throw new CommandLine.ParameterException(new CommandLine(this), "--error-page: " + code + " is not an error status (400 to 599)");
        }
        return new MiddlewareSpec(trustedProxies, basicAuth, requestTimeout == null ? null : requestTimeout.duration(), gzip,
                bodySizeLimit == null ? null : bodySizeLimit.bytes(), errorPages,
                accessLog == null || accessLog.equals("-") ? accessLog : Path.of(accessLog).toAbsolutePath().normalize().toString(),
                accessLogFormat);
    }
}
