package dev.gatehouse.middleware.files;

import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import dev.gatehouse.api.Write;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code start} that {@link SendfileMiddleware} hands the wrapped application. A head with
 * {@code X-Accel-Redirect} or {@code X-Sendfile} is kept back from the server (it is the
 * middleware's to answer) and what the app writes is discarded; any other head goes to the
 * server at once, so ordinary responses pass through untouched.
 */
final class SendfileRequest implements StartResponse {
    private static final Logger log = LoggerFactory.getLogger(SendfileMiddleware.class);
    static final String X_ACCEL_REDIRECT = "X-Accel-Redirect";
    static final String X_SENDFILE = "X-Sendfile";
    private static final Write DISCARD = (bytes, offset, length) -> { };

    /** A head the middleware answers: the header that asked for it, and the app's other headers. */
    record Interception(Status status, List<Header> headers, String header, String value) {
    }

    private final StartResponse server;
    private Interception interception;
    private boolean forwarded;

    SendfileRequest(StartResponse server) {
        this.server = server;
    }

    /** The kept-back head, or null if the response is the app's own. */
    Interception interception() {
        return interception;
    }

    /** True once a head went to the server. */
    boolean forwarded() {
        return forwarded;
    }

    @Override
    public Write start(Status status, List<Header> headers, Throwable excInfo) {
        if (interception != null && excInfo == null) {
            throw new IllegalStateException("start called a second time without excInfo");
        }
        String accel = headers == null ? null : Header.find(headers, X_ACCEL_REDIRECT);
        String sendfile = headers == null ? null : Header.find(headers, X_SENDFILE);
        if (accel == null && sendfile == null) {
            interception = null;
            forwarded = true;
            return server.start(status, headers, excInfo);
        }
        if (forwarded) {
            // A replacement head (excInfo) after an ordinary one was passed on: the server decides
            // whether it may still replace it, but never sees a file path.
            log.warn("{} in a replacement head after the response had started; the header is dropped",
                    accel != null ? X_ACCEL_REDIRECT : X_SENDFILE);
            return server.start(status, withoutSendfileHeaders(headers), excInfo);
        }
        if (accel != null && sendfile != null) {
            log.warn("the application sent both {} and {}; {} wins", X_ACCEL_REDIRECT, X_SENDFILE, X_ACCEL_REDIRECT);
        }
        interception = accel != null ? new Interception(status, headers, X_ACCEL_REDIRECT, accel)
                : new Interception(status, headers, X_SENDFILE, sendfile);
        return DISCARD;
    }

    static boolean isSendfileHeader(Header h) {
        return h.is(X_SENDFILE) || (h.name().length() > 8 && h.name().regionMatches(true, 0, "X-Accel-", 0, 8));
    }

    private static List<Header> withoutSendfileHeaders(List<Header> headers) {
        List<Header> kept = new ArrayList<>(headers.size());
        for (Header h : headers) {
            if (!isSendfileHeader(h)) kept.add(h);
        }
        return kept;
    }
}
