package dev.gatehouse.middleware.files;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.PathCodec;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import dev.gatehouse.middleware.files.FileResolver.Directory;
import dev.gatehouse.middleware.files.FileResolver.Found;
import dev.gatehouse.middleware.files.FileResolver.Missing;
import dev.gatehouse.middleware.files.FileResolver.Refused;
import dev.gatehouse.middleware.files.FileResolver.Resolution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the files under a directory, as nginx's {@code location / { root DIR; }} does: the
 * {@code files:DIR} mount. The path is {@code PATH_INFO} (under a {@link dev.gatehouse.middleware.UrlMap}
 * mount, the part after the mount).
 * <ul>
 *   <li>GET and HEAD; any other method is a 405 with {@code Allow: GET, HEAD}.</li>
 *   <li>Paths are mapped safely ({@link FileResolver}): {@code ..}, NUL, backslashes and
 *       double-encoded traversal are a 403 and a warning in the log; links out of the root are
 *       refused (see {@link StaticFilesConfig.Symlinks}); dot-files are a 404 unless allowed.</li>
 *   <li>A file goes out as a {@link dev.gatehouse.api.FileBody}: zero-copy
 *       ({@code FileChannel.transferTo}) on servers that can, with {@code Content-Length},
 *       {@code Content-Type} from its extension, {@code Last-Modified}, a strong {@code ETag},
 *       {@code Accept-Ranges}; conditional requests (304, 412), single and multiple byte ranges
 *       (206, 416), {@code If-Range}, and precompressed {@code .br}/{@code .gz} siblings are
 *       handled by {@link FileResponder}.</li>
 *   <li>A directory: without a trailing slash, a 301 to the slash form (SCRIPT_NAME and the query
 *       kept); with it, the first index file, else a listing if enabled, else 403.</li>
 * </ul>
 * Thread-safe and stateless: one instance serves every request of its mount.
 */
public final class StaticFiles implements Application {
    private static final Logger log = LoggerFactory.getLogger(StaticFiles.class);

    private final FileResolver resolver;
    private final StaticFilesConfig config;
    private final FileResponder responder;

    private StaticFiles(Path root, StaticFilesConfig config) {
        this.resolver = new FileResolver(root, config);
        this.config = config;
        this.responder = new FileResponder(config);
    }

    /** Serves {@code root} with the default configuration. */
    public static StaticFiles of(Path root) {
        return of(root, StaticFilesConfig.defaults());
    }

    /**
     * Serves {@code root}, resolved to its real path once, now.
     *
     * @throws IllegalArgumentException if {@code root} is not an existing directory
     */
    public static StaticFiles of(Path root, StaticFilesConfig config) {
        return new StaticFiles(root, config);
    }

    /** The real path of the directory served. */
    public Path root() {
        return resolver.root();
    }

    public StaticFilesConfig config() {
        return config;
    }

    @Override
    public Body call(Environ environ, StartResponse start) throws IOException {
        String method = environ.requestMethod();
        boolean head = method.equals("HEAD");
        if (!head && !method.equals("GET")) return PlainResponses.methodNotAllowed(start);
        String path = environ.pathInfo();
        FileResolver.Segments parsed = FileResolver.segments(path, config);
        Resolution resolution = parsed.refusal() != null ? parsed.refusal() : resolver.resolve(parsed.names());
        boolean slash = path.endsWith("/");
        return switch (resolution) {
            case Found file when slash -> PlainResponses.text(start, 404); // a file is not a directory (nginx: ENOTDIR)
            case Found file -> responder.serve(environ, start, resolver, file, List.of(), head);
            case Directory dir when !slash -> redirectToSlash(environ, start);
            case Directory dir -> directory(environ, start, dir, head);
            case Missing missing -> PlainResponses.text(start, 404);
            case Refused refused -> refuse(environ, start, refused);
        };
    }

    private Body directory(Environ environ, StartResponse start, Directory dir, boolean head) throws IOException {
        for (String index : config.indexFiles()) {
            List<String> segments = new ArrayList<>(dir.segments());
            segments.add(index);
            Resolution r = resolver.resolve(segments);
            if (r instanceof Found file) return responder.serve(environ, start, resolver, file, List.of(), head);
            if (r instanceof Refused refused) return refuse(environ, start, refused);
        }
        if (!config.listDirectories()) {
            log.debug("directory {} has no index file and listings are off", dir.dir());
            return PlainResponses.text(start, 403);
        }
        byte[] page;
        try {
            String title = environ.decodedScriptName() + environ.decodedPathInfo();
            page = DirectoryListing.render(resolver.root(), dir.dir(), title, !dir.segments().isEmpty(), config);
        } catch (AccessDeniedException e) {
            return PlainResponses.text(start, 403);
        } catch (IOException e) {
            log.info("cannot list {}: {}", dir.dir(), e.toString());
            return PlainResponses.text(start, 404);
        }
        start.start(Status.OK, List.of(
                Header.of("Content-Type", "text/html; charset=utf-8"),
                Header.of("Content-Length", Integer.toString(page.length))));
        return Body.of(page);
    }

    /** {@code /static/docs} -> {@code /static/docs/}, the query kept, as nginx does for a directory. */
    private static Body redirectToSlash(Environ environ, StartResponse start) {
        String location = PathCodec.encode(environ.scriptName() + environ.pathInfo() + "/");
        String query = environ.queryString();
        if (!query.isEmpty()) location += "?" + query;
        byte[] body = "Moved Permanently\n".getBytes(StandardCharsets.US_ASCII);
        start.start(Status.of(301), List.of(
                Header.of("Location", location),
                Header.of("Content-Type", "text/plain; charset=utf-8"),
                Header.of("Content-Length", Integer.toString(body.length))));
        return Body.of(body);
    }

    private static Body refuse(Environ environ, StartResponse start, Refused refused) {
        String target = environ.getString(EnvironKeys.REQUEST_URI, environ.scriptName() + environ.pathInfo());
        if (refused.attack()) {
            log.warn("refused {} {} from {}: {}", environ.requestMethod(), LogText.quote(target),
                    environ.getString(EnvironKeys.REMOTE_ADDR, "-"), refused.reason());
        } else {
            log.info("refused {} {}: {}", environ.requestMethod(), LogText.quote(target), refused.reason());
        }
        return PlainResponses.text(start, refused.status());
    }

    @Override
    public String toString() {
        return "StaticFiles[" + resolver.root() + "]";
    }
}
