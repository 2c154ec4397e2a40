package dev.gatehouse.core.proxy;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import dev.gatehouse.core.cgi.CgiLocalRedirect;
import dev.gatehouse.core.cgi.CgiResponse;
import dev.gatehouse.core.cgi.CgiResponseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every outbound gateway (FastCGI, SCGI, uwsgi, CGI) answers on its own rather than relaying: a
 * short plain-text error for a backend that failed, the re-dispatch of a CGI local redirect, the
 * 302 of a client redirect; and the relay of a backend's head.
 */
public final class ProxyResponses {
    private static final Logger log = LoggerFactory.getLogger(ProxyResponses.class);

    private ProxyResponses() {
    }

    /** Answers {@code status} with a one-line plain-text body ({@code "502 Bad Gateway"}). */
    public static Body error(StartResponse startResponse, int status) {
        byte[] body = (status + " " + Status.reasonFor(status) + "\n").getBytes(StandardCharsets.UTF_8);
        startResponse.start(Status.of(status), List.of(Header.of("Content-Type", "text/plain; charset=utf-8"),
                Header.of("Content-Length", Integer.toString(body.length))));
        return Body.of(body);
    }

    /** {@code "GET /uri?q"}: the request as log lines name it. */
    public static String describe(Environ environ) {
        String uri = environ.getString(EnvironKeys.REQUEST_URI);
        return environ.requestMethod() + " " + (uri != null ? uri : environ.scriptName() + environ.pathInfo());
    }

    /**
     * RFC 3875 6.2.2: answers what a GET for {@code location} would get. The new request goes to
     * the root application when {@code dispatcher} gives one; otherwise it stays in this mount and
     * goes to {@code self}, which only works for a location under the mount (else 502).
     *
     * @param gateway names the gateway in log lines ({@code "SCGI scgi://127.0.0.1:4000"})
     * @param self the gateway application whose backend answered the redirect
     * @param dispatcher gives the root application, or null to stay in the mount
     * @param environ the request that got the redirect
     */
    public static Body localRedirect(String gateway, Application self, Supplier<Application> dispatcher, Environ environ,
                                     String location, int maxHops, StartResponse startResponse) throws Exception {
        Environ next;
        try {
            next = CgiLocalRedirect.environ(environ, location, maxHops);
        } catch (CgiResponseException e) {
            log.warn("{} for {}: {} (answered 502)", gateway, describe(environ), e.getMessage());
            return error(startResponse, 502);
        }
        Application root = dispatcher == null ? null : dispatcher.get();
        if (root != null) return root.call(next, startResponse);
        String mount = environ.scriptName();
        String path = next.pathInfo();
        if (!path.startsWith(mount + "/")) {
            log.warn("{} for {}: local redirect to {} is outside the mount {} and no dispatcher is set (answered 502)",
                    gateway, describe(environ), location, mount);
            return error(startResponse, 502);
        }
        next.put(EnvironKeys.SCRIPT_NAME, mount);
        next.put(EnvironKeys.PATH_INFO, path.substring(mount.length()));
        return self.call(next, startResponse);
    }

    /** Starts the response with the backend's head; its body follows. A start that fails (a rule broken) closes the body. */
    public static Body relay(CgiResponse response, Body body, StartResponse startResponse) {
        try {
            startResponse.start(response.status(), response.headers());
        } catch (RuntimeException e) {
            closeQuietly(body);
            throw e;
        }
        return body;
    }

    /**
     * RFC 3875 6.2.3: a bare {@code Location} with an absolute URI is answered 302. A backend that
     * sent a document along (a type or a length) has it relayed; otherwise the answer is empty.
     *
     * @param dropBody ends the backend's body when it is not relayed (closes it, or reads it out first)
     */
    public static Body clientRedirect(CgiResponse response, Body body, Runnable dropBody, StartResponse startResponse) {
        if (Header.find(response.headers(), "Content-Type") != null || Header.find(response.headers(), "Content-Length") != null) {
            return relay(response, body, startResponse);
        }
        dropBody.run();
        List<Header> headers = new ArrayList<>(response.headers());
        headers.add(Header.of("Content-Length", "0"));
        startResponse.start(response.status(), headers);
        return Body.empty();
    }

    private static void closeQuietly(Body body) {
        try {
            body.close();
        } catch (IOException e) {
            log.debug("closing a backend's body: {}", e.getMessage());
        }
    }
}
