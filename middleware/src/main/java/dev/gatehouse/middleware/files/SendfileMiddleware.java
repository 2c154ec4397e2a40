package dev.gatehouse.middleware.files;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.FileBody;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Middleware;
import dev.gatehouse.api.PathCodec;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.middleware.files.FileResolver.Directory;
import dev.gatehouse.middleware.files.FileResolver.Found;
import dev.gatehouse.middleware.files.FileResolver.Missing;
import dev.gatehouse.middleware.files.FileResolver.Refused;
import dev.gatehouse.middleware.files.FileResolver.Resolution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets any application hand a file to the server instead of streaming it: nginx's
 * {@code X-Accel-Redirect} and Apache/lighttpd's {@code X-Sendfile}, in front of a Java app or
 * a FastCGI, SCGI, uwsgi, CGI or HTTP back end. When the app's head carries
 * <ul>
 *   <li>{@code X-Accel-Redirect: /protected/a/b.pdf}: the URI (percent-decoded, its query
 *       dropped) is mapped through the configured prefixes, longest first, as nginx's
 *       {@code internal} locations with {@code alias} are;</li>
 *   <li>{@code X-Sendfile: /srv/files/a/b.pdf}: the absolute path (percent-decoded unless
 *       configured otherwise, as mod_xsendfile does) must lie under a configured root,</li>
 * </ul>
 * the app's body and writes are discarded and the file is served as {@link StaticFiles} serves
 * one: zero-copy, with ranges, conditionals, {@code ETag}/{@code Last-Modified}, precompressed
 * siblings and the MIME type, GET semantics for every method but HEAD (as nginx does). The app's
 * other headers are kept ({@code Content-Type} wins over the MIME table, and
 * {@code Content-Disposition}, {@code Cache-Control}, {@code Set-Cookie} go out as set); its
 * status and its {@code Content-Length}, {@code Content-Range}, {@code Content-Encoding},
 * {@code ETag}, {@code Last-Modified}, {@code Accept-Ranges} and every {@code X-Accel-*} header
 * describe the discarded body and are dropped.
 *
 * <p>Every rule of {@link FileResolver} applies under the location or root: a header that
 * climbs out ({@code ..}, a link out of the root) or names a path outside every root is a 403;
 * a header the configuration cannot place at all (no matching prefix, a named location, a
 * relative path) is a 500. Both are logged with the header and the path. A missing file is a 404.
 *
 * <p>An app that calls {@code start} only while its body is iterated is served too, by reading
 * the file through the body instead of zero-copy.
 */
public final class SendfileMiddleware implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(SendfileMiddleware.class);

    private static final Set<String> DROPPED = Set.of("content-length", "content-range", "content-encoding", "etag",
            "last-modified", "accept-ranges");

    private record Location(String prefix, FileResolver resolver) {
    }

    private record Root(List<String> lexical, List<String> real, FileResolver resolver) {
    }

    private final SendfileConfig config;
    private final List<Location> locations;
    private final List<Root> roots;
    private final FileResponder responder;

    private SendfileMiddleware(SendfileConfig config) {
        this.config = config;
        List<Location> locs = new ArrayList<>();
        config.accelLocations().forEach((prefix, dir) -> locs.add(new Location(
                new String(prefix.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1), // as the environ holds bytes
                new FileResolver(dir, config.files()))));
        locs.sort(Comparator.comparingInt((Location l) -> l.prefix().length()).reversed());
        this.locations = List.copyOf(locs);
        List<Root> rs = new ArrayList<>();
        for (Path dir : config.sendfileRoots()) {
            FileResolver resolver = new FileResolver(dir, config.files());
            rs.add(new Root(names(dir.normalize()), names(resolver.root()), resolver));
        }
        this.roots = List.copyOf(rs);
        this.responder = new FileResponder(config.files());
    }

    /**
     * A middleware taking files from the configured locations and roots.
     *
     * @throws IllegalArgumentException if a configured directory does not exist
     */
    public static SendfileMiddleware of(SendfileConfig config) {
        return new SendfileMiddleware(config);
    }

    public SendfileConfig config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        Objects.requireNonNull(next, "next");
        return (environ, start) -> {
            SendfileRequest request = new SendfileRequest(start);
            Body body = next.call(environ, request);
            if (body == null) return null; // the server's to reject
            SendfileRequest.Interception interception = request.interception();
            if (interception != null) {
                closeQuietly(body, environ);
                return serve(environ, start, interception);
            }
            if (request.forwarded() || body instanceof FileBody) return body;
            return new LateStartBody(body, request, environ, () -> serve(environ, start, request.interception()));
        };
    }

    private Body serve(Environ environ, StartResponse start, SendfileRequest.Interception interception) throws IOException {
        List<Header> kept = new ArrayList<>(interception.headers().size());
        for (Header h : interception.headers()) {
            if (!SendfileRequest.isSendfileHeader(h) && !DROPPED.contains(MimeTypes.asciiLower(h.name()))) kept.add(h);
        }
        boolean head = "HEAD".equals(environ.requestMethod());
        String value = interception.value().strip();
        return interception.header().equals(SendfileRequest.X_ACCEL_REDIRECT)
                ? accelRedirect(environ, start, value, kept, head)
                : sendfile(environ, start, value, kept, head);
    }

    private Body accelRedirect(Environ environ, StartResponse start, String value, List<Header> kept, boolean head)
            throws IOException {
        String header = SendfileRequest.X_ACCEL_REDIRECT;
        if (value.startsWith("@")) return misconfigured(environ, start, header, value, "named locations are not supported");
        int query = value.indexOf('?');
        String path = PathCodec.decode(query < 0 ? value : value.substring(0, query));
        if (path == null || !path.startsWith("/")) return misconfigured(environ, start, header, value, "not a URI path");
        for (Location location : locations) {
            String prefix = location.prefix();
            if (prefix.equals("/")) return serveFrom(environ, start, location.resolver(), FileResolver.segments(path, config.files()), header, value, kept, head);
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                FileResolver.Segments rest = FileResolver.segments(path.substring(prefix.length()), config.files());
                return serveFrom(environ, start, location.resolver(), rest, header, value, kept, head);
            }
        }
        return misconfigured(environ, start, header, value, locations.isEmpty()
                ? "no X-Accel-Redirect locations are configured" : "no X-Accel-Redirect location matches");
    }

    private Body sendfile(Environ environ, StartResponse start, String value, List<Header> kept, boolean head) throws IOException {
        String header = SendfileRequest.X_SENDFILE;
        String path = config.unescapeSendfile() ? PathCodec.decode(value) : value;
        if (path == null) return misconfigured(environ, start, header, value, "malformed percent-escape");
        if (!path.startsWith("/")) return misconfigured(environ, start, header, value, "not an absolute path");
        FileResolver.Segments parsed = FileResolver.parse(path);
        if (parsed.refusal() != null) return serveFrom(environ, start, null, parsed, header, value, kept, head);
        for (Root root : roots) {
            List<String> rest = under(parsed.names(), root.lexical());
            if (rest == null) rest = under(parsed.names(), root.real());
            if (rest == null) continue;
            FileResolver.Segments segments = FileResolver.isHidden(rest, config.files())
                    ? new FileResolver.Segments(null, new Missing()) : new FileResolver.Segments(rest, null);
            return serveFrom(environ, start, root.resolver(), segments, header, value, kept, head);
        }
        Refused outside = new Refused(403, roots.isEmpty() ? "no X-Sendfile roots are configured"
                : "outside the allowed roots " + config.sendfileRoots(), true);
        return serveFrom(environ, start, null, new FileResolver.Segments(null, outside), header, value, kept, head);
    }

    private Body serveFrom(Environ environ, StartResponse start, FileResolver resolver, FileResolver.Segments segments,
                           String header, String value, List<Header> kept, boolean head) throws IOException {
        Resolution resolution = segments.refusal() != null ? segments.refusal() : resolver.resolve(segments.names());
        return switch (resolution) {
            case Found file -> responder.serve(environ, start, resolver, file, kept, head);
            case Directory dir -> {
                log.info("{} {} names a directory, not a file; 404", header, LogText.quote(value));
                yield PlainResponses.text(start, 404);
            }
            case Missing missing -> {
                log.info("{} {} names no file that may be served; 404", header, LogText.quote(value));
                yield PlainResponses.text(start, 404);
            }
            case Refused refused -> {
                log.warn("refused {} {} for {} {} from {}: {}", header, LogText.quote(value), environ.requestMethod(),
                        LogText.quote(target(environ)), environ.getString(EnvironKeys.REMOTE_ADDR, "-"), refused.reason());
                yield PlainResponses.text(start, refused.status());
            }
        };
    }

    private static Body misconfigured(Environ environ, StartResponse start, String header, String value, String why) {
        log.error("cannot serve {} {} for {} {}: {}", header, LogText.quote(value), environ.requestMethod(),
                LogText.quote(target(environ)), why);
        return PlainResponses.text(start, 500);
    }

    /** The rest of {@code names} under {@code prefix}, or null if it does not start with it. */
    private static List<String> under(List<String> names, List<String> prefix) {
        if (names.size() < prefix.size() || !names.subList(0, prefix.size()).equals(prefix)) return null;
        return names.subList(prefix.size(), names.size());
    }

    private static List<String> names(Path absolute) {
        List<String> names = new ArrayList<>();
        for (Path p : absolute) names.add(p.toString());
        return List.copyOf(names);
    }

    private static String target(Environ environ) {
        return environ.getString(EnvironKeys.REQUEST_URI, environ.scriptName() + environ.pathInfo());
    }

    static void closeQuietly(Body body, Environ environ) {
        try {
            body.close();
        } catch (Exception e) {
            log.warn("error closing the discarded body of {} {}", environ.requestMethod(), LogText.quote(target(environ)), e);
        }
    }

    /**
     * The app's body when it had not called {@code start} by the time it returned: passed
     * through chunk by chunk, unless {@code start} turns out to carry a file header, in which
     * case the rest of the app's body is dropped and the file's chunks follow instead.
     */
    private static final class LateStartBody implements Body {
        interface Replacement {
            Body get() throws IOException;
        }

        private Body app;
        private final SendfileRequest request;
        private final Environ environ;
        private final Replacement replacement;
        private Body file;

        LateStartBody(Body app, SendfileRequest request, Environ environ, Replacement replacement) {
            this.app = app;
            this.request = request;
            this.environ = environ;
            this.replacement = replacement;
        }

        @Override
        public byte[] next() throws IOException {
            if (file != null) return file.next();
            byte[] chunk = app.next();
            if (request.interception() == null) return chunk;
            Body discarded = app;
            app = null;
            closeQuietly(discarded, environ);
            file = replacement.get();
            return file.next();
        }

        @Override
        public void close() throws IOException {
            try {
                if (app != null) app.close();
            } finally {
                if (file != null) file.close();
            }
        }
    }
}
