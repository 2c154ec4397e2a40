package dev.gatehouse.web.session;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Middleware;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers 403 to every unsafe request (POST, PUT, PATCH, DELETE) that does not carry the
 * session's {@link CsrfToken}, in the {@code X-CSRF-Token} header or in the {@code _csrf} field
 * of a urlencoded or multipart form body. Paths under an exempt prefix (of PATH_INFO as this
 * middleware sees it) pass unchecked, e.g. for webhooks that authenticate otherwise. Must sit
 * inside {@link Sessions}.
 *
 * <p>To find the form field it reads the start of the body (at most {@link #MAX_SCAN_BYTES}) and
 * puts it back in front of the rest, so the app still reads the whole body. In a multipart body
 * the token field must come before large file parts (the forms of this package render it first).
 */
public final class Csrf implements Middleware {
    private static final Logger LOG = LoggerFactory.getLogger(Csrf.class);

    /** How much of a body is read to find the token field. */
    public static final int MAX_SCAN_BYTES = 1024 * 1024;
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final List<String> exemptPrefixes;

    private Csrf(List<String> exemptPrefixes) {
        for (String p : exemptPrefixes) {
            if (!p.startsWith("/")) throw new IllegalArgumentException("exempt prefixes start with '/': " + p);
        }
        this.exemptPrefixes = List.copyOf(exemptPrefixes);
    }

    /** Checks every unsafe request. */
    public static Csrf protect() {
        return new Csrf(List.of());
    }

    /** Checks every unsafe request except those whose PATH_INFO starts with one of {@code prefixes}. */
    public static Csrf exempting(String... prefixes) {
        return new Csrf(List.of(prefixes));
    }

    @Override
    public Application wrap(Application next) {
        return (environ, startResponse) -> {
            if (!UNSAFE.contains(environ.requestMethod()) || exempt(environ.pathInfo())) {
                return next.call(environ, startResponse);
            }
            String token = environ.header(CsrfToken.HEADER);
            if (token == null) token = tokenFromBody(environ);
            if (CsrfToken.matches(environ, token)) return next.call(environ, startResponse);
            LOG.debug("CSRF check failed: {} {} ({})", environ.requestMethod(), environ.pathInfo(),
                    token == null ? "no token" : "wrong token");
            startResponse.start(403, Header.of("Content-Type", "text/plain; charset=utf-8"));
            return Body.of("403 Forbidden: this request lacks a valid CSRF token (form field " + CsrfToken.FIELD
                    + " or header " + CsrfToken.HEADER + "). Reload the page and submit again.\n");
        };
    }

    private boolean exempt(String path) {
        for (String prefix : exemptPrefixes) {
            if (path.startsWith(prefix)) return true;
        }
        return false;
    }

    /** The token field of a form body, reading at most MAX_SCAN_BYTES and putting them back. */
    private static String tokenFromBody(dev.gatehouse.api.Environ environ) throws java.io.IOException {
        String type = environ.contentType();
        if (type == null) return null;
        String mediaType = type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        boolean urlencoded = mediaType.equals("application/x-www-form-urlencoded");
        String boundary = mediaType.equals("multipart/form-data") ? FormBodyScan.boundary(type) : null;
        if (!urlencoded && boundary == null) return null;
        InputStream in = environ.input();
        byte[] prefix = in.readNBytes(MAX_SCAN_BYTES);
        environ.put(EnvironKeys.INPUT, new ReplayedInput(prefix, in));
        boolean complete = prefix.length < MAX_SCAN_BYTES;
        return urlencoded ? FormBodyScan.urlencodedField(prefix, CsrfToken.FIELD, complete)
                : FormBodyScan.multipartField(prefix, boundary, CsrfToken.FIELD);
    }
}
