package dev.gatehouse.cgi.client;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.core.cgi.CgiResponse;
import dev.gatehouse.core.net.Watchdog;
import dev.gatehouse.core.proxy.ProxyResponses;
import dev.gatehouse.core.proxy.RequestBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CGI runner (RFC 3875), the {@code cgi:DIR} mount: an {@link Application} that runs the
 * script a request names under a directory, as Apache's {@code ScriptAlias} with mod_cgi does.
 *
 * <ul>
 *   <li>The script is the first path segment under the mount that names a file; the rest is
 *       PATH_INFO ({@link CgiScript}, which also lists what is refused: traversal, links out of
 *       the directory, missing (404) and non-executable (403) scripts).</li>
 *   <li>Its environment is the request's CGI meta-variables and HTTP_* headers on a clean base
 *       ({@link CgiEnvironEncoder}); no Proxy header (httpoxy), no Authorization unless asked.</li>
 *   <li>The request body goes to its standard input as it arrives (a chunked one is first read
 *       whole, up to a limit, to give the script its CONTENT_LENGTH); its standard output is
 *       parsed as a CGI response: a local redirect is re-dispatched to the {@code dispatcher} (the
 *       root application) as a GET, a client redirect is answered 302, an {@code nph-} script's
 *       status line and fields are relayed as they are, and the body streams back as it comes.
 *       A malformed or missing head is a 502, logged with the script's name.</li>
 *   <li>Standard error goes to the log with the script's name, bounded per request.</li>
 *   <li>Each script runs in its own session; past its run time its process group is killed (504);
 *       a client that leaves gets its script killed; every script is reaped.</li>
 *   <li>At most {@code maxScripts} run at once; a request waits {@code queueTimeout} for a slot, then gets 503.</li>
 * </ul>
 */
public final class CgiProxyApp implements Application, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CgiProxyApp.class);
    public static final String SCHEME = CgiTarget.SCHEME;
    private static final byte[] NONE = new byte[0];

    private final CgiTarget target;
    private final CgiClientConfig config;
    private final Path root;
    private final CgiSpawner spawner;
    private final Supplier<Application> dispatcher;
    private final CgiStderrLog.Sink stderrSink;
    private final Semaphore slots;
    private final Watchdog watchdog;

    /** A runner whose local redirects stay inside its own mount. */
    public CgiProxyApp(CgiTarget target, CgiClientConfig config) {
        this(target, config, () -> null);
    }

    /**
     * @param config the defaults; the target's options override them
     * @param dispatcher gives the application that serves the whole URL space (called per local
     *     redirect, so it may be bound after this app was built); null, or null from it, means
     *     "this app, for paths under its mount"
     * @throws IllegalArgumentException if the script directory is not a directory
     * @throws IllegalStateException if {@code spawn=helper} was asked for and the helper cannot start
     */
    public CgiProxyApp(CgiTarget target, CgiClientConfig config, Supplier<Application> dispatcher) {
        this(target, config, dispatcher, CgiStderrLog.Sink.LOG);
    }

    CgiProxyApp(CgiTarget target, CgiClientConfig config, Supplier<Application> dispatcher, CgiStderrLog.Sink stderrSink) {
        this.target = Objects.requireNonNull(target, "target");
        this.config = target.configure(Objects.requireNonNull(config, "config"));
        this.root = realDirectory(target.directory());
        this.dispatcher = dispatcher == null ? () -> null : dispatcher;
        this.stderrSink = stderrSink;
        this.slots = new Semaphore(this.config.maxScripts(), true);
        this.spawner = startSpawner(this.config);
        this.watchdog = new Watchdog("gatehouse-cgi-watchdog");
    }

    public CgiTarget target() {
        return target;
    }

    /** The configuration in effect: the one given, with the target's options applied. */
    public CgiClientConfig config() {
        return config;
    }

    CgiSpawner spawner() {
        return spawner;
    }

    /** Slots free right now (for tests). */
    int availableSlots() {
        return slots.availablePermits();
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) throws Exception {
        String request = ProxyResponses.describe(environ);
        CgiScript script;
        try {
            script = CgiScript.resolve(root, environ.pathInfo());
        } catch (CgiScriptException e) {
            log.warn("CGI {} for {}: {} (answered {})", target.directory(), request, e.getMessage(), e.status());
            return ProxyResponses.error(startResponse, e.status());
        }
        RequestBody body = RequestBody.of(environ, config.maxUnsizedBodyBytes(), "CGI");
        long length = body.length();
        boolean whole = length <= spawner.inlineInputLimit();
        byte[] input = whole ? body.readSmall() : NONE;
        Map<String, String> env = CgiEnvironEncoder.environment(environ, script, target.directory(), target.effectiveDocumentRoot(), config, length);
        CgiClientExchange exchange;
        CgiResponse head;
        try {
            exchange = start(script, env, request, input, whole);
            if (!whole) exchange.pumpInput(body.stream(), length);
            head = exchange.readHead();
        } catch (CgiScriptException e) {
            log.warn("CGI script {} for {}: {} (answered {})", script.file(), request, e.getMessage(), e.status());
            return ProxyResponses.error(startResponse, e.status());
        }
        return switch (head.kind()) {
            case LOCAL_REDIRECT -> {
                discardRest(exchange);
                yield ProxyResponses.localRedirect("CGI script " + script.file(), this, dispatcher, environ, head.location(),
                        config.maxLocalRedirects(), startResponse);
            }
            case CLIENT_REDIRECT -> ProxyResponses.clientRedirect(head, exchange, () -> discardRest(exchange), startResponse);
            case DOCUMENT -> ProxyResponses.relay(head, exchange, startResponse);
        };
    }

    /** Takes a slot (waiting up to the queue timeout) and starts the script; the slot is the exchange's to release. */
    private CgiClientExchange start(CgiScript script, Map<String, String> env, String request, byte[] input, boolean whole)
            throws CgiScriptException, InterruptedException {
        if (!slots.tryAcquire(config.queueTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
            throw new CgiScriptException(503, "all " + config.maxScripts() + " script slots stayed busy for " + config.queueTimeout().toMillis() + " ms");
        }
        try {
            CgiStderrLog stderr = new CgiStderrLog(script.file().toString(), request, config.maxStderrBytes(), stderrSink);
            CgiProcess process = spawner.spawn(new CgiSpawnRequest(script.executable(), script.executable().getParent(), env, stderr, input, whole));
            return new CgiClientExchange(process, script, config, watchdog, slots::release);
        } catch (CgiScriptException | RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    /** Reads what the script writes after a redirect's head to its end (within its run time), as Apache does, then closes. */
    private static void discardRest(CgiClientExchange exchange) {
        try {
            while (exchange.next() != null) {
                // a redirect's body is dropped
            }
        } catch (IOException e) {
            log.debug("discarding the rest of a CGI redirect: {}", e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private static Path realDirectory(Path directory) {
        try {
            Path real = directory.toRealPath();
            if (!Files.isDirectory(real)) throw new IllegalArgumentException("CGI script directory " + directory + " is not a directory");
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException("CGI script directory " + directory + " is not accessible: " + e.getMessage(), e);
        }
    }

    private static CgiSpawner startSpawner(CgiClientConfig config) {
        return switch (config.spawn()) {
            case DIRECT -> new CgiDirectSpawner();
            case HELPER -> {
                try {
                    yield CgiHelperSpawner.start(config.python(), config.maxStderrBytes());
                } catch (IOException e) {
                    throw new IllegalStateException("cannot start the CGI spawner helper: " + e.getMessage(), e);
                }
            }
            case AUTO -> {
                if (!Files.isExecutable(config.python())) {
                    log.info("{} is not installed: CGI scripts are started by the JDK directly, at about twice the CPU per script", config.python());
                    yield new CgiDirectSpawner();
                }
                try {
                    yield CgiHelperSpawner.start(config.python(), config.maxStderrBytes());
                } catch (IOException | UncheckedIOException e) {
                    log.warn("cannot start the CGI spawner helper ({}); CGI scripts are started by the JDK directly", e.getMessage());
                    yield new CgiDirectSpawner();
                }
            }
        };
    }

    /** Stops the spawner (scripts still running are killed) and the timeout thread. */
    @Override
    public void close() {
        spawner.close();
        watchdog.close();
    }

    @Override
    public String toString() {
        return target.toString();
    }
}
