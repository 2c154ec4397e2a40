package dev.gatehouse.web;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.FileBody;
import dev.gatehouse.api.StartResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A web.py-style application: an ordered list of URL patterns, each answered by a handler class,
 * a handler instance, lambdas, or a mounted sub-application. The first pattern that fully matches
 * the decoded PATH_INFO wins; its groups become the handler's String arguments. Build the app
 * completely before serving it; while serving it is only read, so one app serves every thread.
 *
 * <pre>{@code
 * WebApp app = new WebApp()
 *     .route("/", Index.class)                     // a new Index per request
 *     .route("/users/(\\d+)", new Users(db))       // one instance for all requests: thread-safe
 *     .get("/hello/(\\w+)", req -> "Hello " + Html.escape(req.group(1)))
 *     .mount("/admin", adminApp);
 * }</pre>
 */
public final class WebApp implements Application {
    private final WebConfig config;
    private final List<Object> entries = new ArrayList<>(); // Route or Mount, in order
    private final Map<Integer, ErrorPage> errorPages = new HashMap<>();
    private final ErrorResponder errors;
    private final List<Processor> processors = new ArrayList<>();
    /** Set by the first request: from then on the app is only read, by many threads, so it may no longer change. */
    private volatile boolean serving;

    public WebApp() {
        this(WebConfig.defaults());
    }

    public WebApp(WebConfig config) {
        this.config = config;
        this.errors = new ErrorResponder(errorPages, config.devMode());
    }

    public WebConfig config() {
        return config;
    }

    /** Routes {@code regex} to a handler class, instantiated per request. */
    public WebApp route(String regex, Class<?> handlerClass) {
        checkBuilding();
        entries.add(new ClassRoute(compile(regex), handlerClass, null));
        return this;
    }

    /** Routes {@code regex} to one handler instance shared by every request: it must be thread-safe. */
    public WebApp route(String regex, Object handler) {
        checkBuilding();
        if (handler instanceof Class<?> c) return route(regex, c);
        entries.add(new ClassRoute(compile(regex), handler.getClass(), handler));
        return this;
    }

    /** Routes {@code method} on {@code regex} to a lambda; methods of one regex share a route (and its 405). */
    public WebApp route(String method, String regex, Handler handler) {
        checkBuilding();
        String m = method.toUpperCase(Locale.ROOT);
        for (Object e : entries) {
            if (e instanceof LambdaRoute r && r.pattern().pattern().equals(regex)) {
                r.add(m, handler);
                return this;
            }
        }
        LambdaRoute route = new LambdaRoute(compile(regex));
        route.add(m, handler);
        entries.add(route);
        return this;
    }

    public WebApp get(String regex, Handler handler) {
        return route("GET", regex, handler);
    }

    public WebApp post(String regex, Handler handler) {
        return route("POST", regex, handler);
    }

    public WebApp put(String regex, Handler handler) {
        return route("PUT", regex, handler);
    }

    public WebApp delete(String regex, Handler handler) {
        return route("DELETE", regex, handler);
    }

    public WebApp patch(String regex, Handler handler) {
        return route("PATCH", regex, handler);
    }

    /** Mounts any application under {@code prefix} ("/admin"): it sees the rest of the path, the prefix in SCRIPT_NAME. */
    public WebApp mount(String prefix, Application app) {
        checkBuilding();
        entries.add(Mount.of(prefix, app));
        return this;
    }

    /** Adds a processor around every handler of this app; the first added is the outermost. */
    public WebApp processor(Processor processor) {
        checkBuilding();
        processors.add(processor);
        return this;
    }

    /** The page answering {@code status} errors of this app (404, 403, 500...). */
    public WebApp errorPage(int status, ErrorPage page) {
        checkBuilding();
        errorPages.put(status, page);
        return this;
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws Exception {
        if (!serving) serving = true;
        String rawPath = environ.pathInfo();
        String path = environ.decodedPathInfo();
        if (path.isEmpty()) path = "/"; // a sub-app mounted at /admin answers /admin as its /
        for (Object entry : entries) {
            if (entry instanceof Mount m) {
                if (m.matches(rawPath)) return m.app().call(m.shift(environ), startResponse);
            } else if (entry instanceof Route r) {
                Matcher match = r.pattern().matcher(path);
                if (match.matches()) return handle(environ, startResponse, r, groupsOf(match));
            }
        }
        return handle(environ, startResponse, null, List.of());
    }

    private Body handle(Environ environ, StartResponse startResponse, Route route, List<String> groups) throws Exception {
        Request request = new Request(environ, config);
        Body body = null;
        try {
            body = respond(request, startResponse, route, groups);
            if (body instanceof FileBody) {
                // handed to the server as is, so it can go out zero-copy; the channel is open, the temp files can go
                request.close();
                return body;
            }
            return new CleanupBody(body, request);
        } finally {
            if (body == null) request.close();
        }
    }

    private Body respond(Request request, StartResponse startResponse, Route route, List<String> groups) throws Exception {
        try {
            request.groups(groups);
            Object result = runChain(0, request, route, groups);
            return ResponseWriter.send(Results.toResponse(result, request.response()), request, startResponse);
        } catch (HttpError e) {
            return errors.answer(request, startResponse, e);
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            // the usual bugs (a class that failed to load or initialize included) get the 500 page; other Errors go up
            return errors.answerFailure(request, startResponse, e);
        }
    }

    private Object runChain(int index, Request request, Route route, List<String> groups) throws Exception {
        if (index < processors.size()) {
            return processors.get(index).process(request, () -> runChain(index + 1, request, route, groups));
        }
        if (route == null) throw new NotFound("Nothing matches " + request.path());
        try {
            return route.invoke(request.method(), request, groups);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new RuntimeException(t);
        }
    }

    private void checkBuilding() {
        if (serving) {
            throw new IllegalStateException("this WebApp already serves requests: add routes, mounts, processors and error pages before");
        }
    }

    private static List<String> groupsOf(Matcher match) {
        List<String> groups = new ArrayList<>(match.groupCount());
        for (int i = 1; i <= match.groupCount(); i++) groups.add(match.group(i));
        return groups;
    }

    private static Pattern compile(String regex) {
        return Pattern.compile(regex);
    }

    /** The response body; closing it also deletes the request's temp files. */
    private static final class CleanupBody implements Body {
        private final Body body;
        private final Request request;

        CleanupBody(Body body, Request request) {
            this.body = body;
            this.request = request;
        }

        @Override
        public byte[] next() throws IOException {
            return body.next();
        }

        @Override
        public void close() throws IOException {
            try {
                body.close();
            } finally {
                request.close();
            }
        }
    }
}
