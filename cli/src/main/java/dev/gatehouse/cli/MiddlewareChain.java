package dev.gatehouse.cli;

import dev.gatehouse.api.Application;
import dev.gatehouse.cli.config.ConfigFile;
import dev.gatehouse.cli.config.MiddlewareSpec;
import dev.gatehouse.middleware.AccessLog;
import dev.gatehouse.middleware.AccessLogFormat;
import dev.gatehouse.middleware.BasicAuth;
import dev.gatehouse.middleware.BasicAuthConfig;
import dev.gatehouse.middleware.Compression;
import dev.gatehouse.middleware.ErrorPage;
import dev.gatehouse.middleware.ErrorPages;
import dev.gatehouse.middleware.ErrorPagesConfig;
import dev.gatehouse.middleware.RequestSizeLimit;
import dev.gatehouse.middleware.RequestTimeout;
import dev.gatehouse.middleware.TrustedProxies;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds the middleware a {@link MiddlewareSpec} asks for around an app: the one place the
 * command line's options and the file's keys become middleware. From the outside in: the access
 * log (it sees the final status and, through the others, the real client and user), trusted
 * proxies (so everything further in sees the real client), error pages (so they dress the 401,
 * 413 and 504 of those inside), basic authentication, the body size limit, the request timeout,
 * and compression next to the app.
 */
final class MiddlewareChain {
    private MiddlewareChain() {
    }

    /**
     * {@code app} wrapped as {@code spec} asks; an access log opened is added to {@code opened}, to
     * be closed with the site.
     */
    static Application wrap(Application app, MiddlewareSpec spec, List<AutoCloseable> opened) throws StartupException {
        Application wrapped = app;
        if (spec.gzip()) wrapped = new Compression().wrap(wrapped);
        if (spec.requestTimeout() != null) {
            if (spec.requestTimeout().toMillis() <= 0) throw new StartupException("request-timeout must be greater than zero");
            wrapped = RequestTimeout.of(spec.requestTimeout()).wrap(wrapped);
        }
        if (spec.bodySizeLimit() != null) {
            if (spec.bodySizeLimit() <= 0) throw new StartupException("body-size-limit must be greater than zero");
            wrapped = RequestSizeLimit.of(spec.bodySizeLimit()).wrap(wrapped);
        }
        if (spec.basicAuth() != null) {
            try {
                wrapped = new BasicAuth(BasicAuthConfig.of(spec.basicAuth())).wrap(wrapped);
            } catch (IOException | RuntimeException e) {
                throw new StartupException("cannot use the htpasswd file " + spec.basicAuth() + ": " + e.getMessage());
            }
        }
        if (!spec.errorPages().isEmpty()) wrapped = new ErrorPages(errorPages(spec.errorPages())).wrap(wrapped);
        if (!spec.trustedProxies().isEmpty()) {
            try {
                wrapped = TrustedProxies.trusting(spec.trustedProxies().toArray(String[]::new)).wrap(wrapped);
            } catch (IllegalArgumentException e) {
                throw new StartupException("trusted proxies: " + e.getMessage());
            }
        }
        AccessLog log = openAccessLog(spec);
        if (log != null) {
            opened.add(log);
            wrapped = log.wrap(wrapped);
        }
        return wrapped;
    }

    /** The access log a spec names, open; null when it names none. */
    static AccessLog openAccessLog(MiddlewareSpec spec) throws StartupException {
        if (spec.accessLog() == null) return null;
        AccessLogFormat format;
        try {
            format = ConfigFile.accessLogFormat(spec.accessLogFormat());
        } catch (IllegalArgumentException e) {
            throw new StartupException("access log format: " + e.getMessage());
        }
        if (spec.accessLog().equals("-")) return AccessLog.toStdout(format);
        try {
            return AccessLog.toFile(Path.of(spec.accessLog()), format);
        } catch (IOException | RuntimeException e) {
            throw new StartupException("cannot open the access log " + spec.accessLog() + ": " + e.getMessage());
        }
    }

    /** Each page file as the HTML variant (a .html or .htm file) or the plain-text one; the standard page for the rest. */
    private static ErrorPagesConfig errorPages(Map<Integer, Path> files) throws StartupException {
        ErrorPagesConfig config = ErrorPagesConfig.defaults();
        for (Map.Entry<Integer, Path> e : files.entrySet()) {
            Path file = e.getValue();
            String name = file.getFileName().toString();
            boolean html = name.endsWith(".html") || name.endsWith(".htm");
            try {
                config = config.withPage(e.getKey(), ErrorPage.fromFiles(html ? file : null, html ? null : file));
            } catch (IOException | RuntimeException ex) {
                throw new StartupException("cannot read the error page " + file + " for " + e.getKey() + ": " + ex.getMessage());
            }
        }
        return config;
    }
}
