package dev.gatehouse.core;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Middleware;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A middleware that checks both sides of the gateway contract around an application, as Python's
 * {@code wsgiref.validate} does for WSGI. Every fixture app in the tests runs inside it.
 *
 * <p>The first breach throws a {@link ContractViolationException} whose message starts with the
 * side at fault ({@code "server: "} or {@code "application: "}) and names the rule. Every breach
 * is also kept in {@link #violations()}, so a test can see one that the server swallowed (a
 * breach thrown from {@code Body.close()} is only logged) or turned into a 500.
 *
 * <p>Like {@code wsgiref.validate}, it replaces {@code gateway.input} and {@code gateway.errors}
 * in the environ with checking wrappers.
 *
 * <h2>The server, when it calls the application</h2>
 * <ul>
 *   <li>The environ and the start callable are not null.</li>
 *   <li>The environ holds {@code REQUEST_METHOD}, {@code SCRIPT_NAME}, {@code PATH_INFO},
 *       {@code QUERY_STRING}, {@code SERVER_NAME}, {@code SERVER_PORT}, {@code SERVER_PROTOCOL}
 *       and {@code gateway.version}, {@code .url_scheme}, {@code .input}, {@code .errors},
 *       {@code .multithread}, {@code .multiprocess}, {@code .run_once}.</li>
 *   <li>Every key without a dot (the CGI variables and {@code HTTP_*}) maps to a {@code String}
 *       with no character above 0xFF: the request's bytes decoded as ISO-8859-1. Namespaced keys
 *       ({@code gateway.*}, a middleware's {@code "thing.key"}) may hold any type.</li>
 *   <li>{@code REQUEST_METHOD} is a token; {@code SCRIPT_NAME} is empty or starts with '/' and
 *       does not end with '/'; {@code PATH_INFO} is empty or starts with '/';
 *       {@code SERVER_NAME} and {@code SERVER_PORT} are not empty; {@code CONTENT_LENGTH}, when
 *       present, is ASCII digits (not empty: absent means unknown).</li>
 *   <li>No {@code HTTP_CONTENT_TYPE} or {@code HTTP_CONTENT_LENGTH}: those headers belong in
 *       {@code CONTENT_TYPE} and {@code CONTENT_LENGTH}.</li>
 *   <li>{@code gateway.version} is {@code "1.0"}; {@code gateway.url_scheme} is {@code "http"} or
 *       {@code "https"}; {@code gateway.input} is an {@code InputStream}; {@code gateway.errors} a
 *       {@code PrintStream}; {@code gateway.multithread}, {@code .multiprocess},
 *       {@code .run_once} and, when present, {@code .input_terminated} are {@code Boolean}s;
 *       {@code gateway.file_wrapper}, when present, is a {@code FileWrapper}.</li>
 * </ul>
 *
 * <h2>The server, while the request runs</h2>
 * <ul>
 *   <li>{@code gateway.input}: {@code read()} returns -1..255; {@code read(b, off, len)} returns
 *       -1 or 1..len (0 or -1 when len is 0); it never yields more bytes than
 *       {@code CONTENT_LENGTH} when that is set.</li>
 *   <li>{@code start} returns a write callable, not null.</li>
 *   <li>The body's {@code next()} is not called again after it returned null (the end), nor after
 *       {@code close()}; {@code close()} is called at most once.</li>
 * </ul>
 *
 * <h2>The application</h2>
 * <ul>
 *   <li>{@code start}: the status and the header list are not null; the status is final
 *       (200..599: interim 1xx responses are the server's business); the head passes
 *       {@link HeaderRules#check} (no null header, token names, no CR/LF/NUL or other controls in
 *       values or the reason, no hop-by-hop field); no {@code Status} header (that is CGI's way to
 *       give the status, not this interface's); at most one {@code Content-Length}, of ASCII
 *       digits; a {@code Content-Type} unless the status forbids a body (204, 304) or the
 *       declared length is 0 (RFC 9110 §8.3: only content needs a type).</li>
 *   <li>{@code start} is called once, or again only with {@code excInfo}.</li>
 *   <li>{@code call} returns a body, not null.</li>
 *   <li>{@code start} is called before the body produces its first chunk, empty or not (as
 *       {@link GatewayHandler} requires), and at the latest before the body ends; a
 *       {@link dev.gatehouse.api.FileBody} cannot call it lazily, so it must have been called
 *       when the file body is returned, and the file region must lie within the file.</li>
 *   <li>The write callable gets a non-null array and a range inside it, and is used only until
 *       {@code call} returns. Its bytes go out before the body's; a write from inside the body
 *       would interleave with its chunks, which is what the body is for.</li>
 *   <li>{@code gateway.input} and {@code gateway.errors} are not closed by the application while
 *       its request runs: they belong to the server.</li>
 * </ul>
 *
 * <h2>What it leaves to others</h2>
 * That the server closes the body at all: no hook fires when it forgets (the fixture apps of the
 * conformance suite record their close). Whether the body matches its declared
 * {@code Content-Length}: the server enforces that, and fixture apps break it on purpose. A {@link dev.gatehouse.api.FileBody} is passed through
 * unwrapped, so the server still sees it and can send it zero-copy; its {@code next()} and
 * {@code close()} are therefore not checked. Whether the server re-throws {@code excInfo} after
 * the head was sent, and everything the server does on the wire, is for
 * {@code GatewayHandlerTest} and the conformance suite.
 */
public final class Validator implements Middleware {
    private final List<ContractViolationException> violations = new CopyOnWriteArrayList<>();

    /** {@code app} inside a new validator (use an instance instead to look at its violations). */
    public static Application validate(Application app) {
        return new Validator().wrap(app);
    }

    @Override
    public Application wrap(Application app) {
        Objects.requireNonNull(app, "app");
        return (environ, startResponse) -> {
            if (environ == null) throw serverBreach("the environ is null");
            if (startResponse == null) throw serverBreach("the start callable is null");
            ValidatorEnviron.check(environ, this);
            ValidatorRequest request = new ValidatorRequest(this, environ, startResponse);
            Body body;
            try {
                body = app.call(environ, request);
            } catch (Throwable error) {
                request.end();
                throw error;
            }
            return request.checkedBody(body);
        };
    }

    /** Every breach seen so far, oldest first. */
    public List<ContractViolationException> violations() {
        return List.copyOf(violations);
    }

    ContractViolationException serverBreach(String rule) {
        return record(new ContractViolationException("server: " + rule));
    }

    ContractViolationException appBreach(String rule) {
        return record(new ContractViolationException("application: " + rule));
    }

    private ContractViolationException record(ContractViolationException breach) {
        violations.add(breach);
        return breach;
    }
}
