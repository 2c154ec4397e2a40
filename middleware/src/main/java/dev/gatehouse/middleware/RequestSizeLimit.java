package dev.gatehouse.middleware;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.FileBody;
import dev.gatehouse.api.Middleware;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the request body, per mount: nginx's {@code client_max_body_size}, Apache's
 * {@code LimitRequestBody}. The server has its own, larger, limit; this one is for the apps that
 * need a smaller one.
 * <ul>
 *   <li>A {@code CONTENT_LENGTH} over {@link RequestSizeLimitConfig#maxBodyBytes()} is answered
 *       413 at once: the app does not run.</li>
 *   <li>A body without a length (chunked) is counted while the app reads it: the read that
 *       would pass the limit throws {@link RequestBodyTooLargeException}, and if that exception
 *       comes out of the app (its call or its body, wrapped or not) before any response byte went
 *       out, this middleware answers 413 in place of the app's response. After that, the
 *       exception goes on and the server aborts the connection.</li>
 * </ul>
 * The 413 is a stock response an {@link ErrorPages} further out may replace.
 */
public final class RequestSizeLimit implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(RequestSizeLimit.class);

    private final RequestSizeLimitConfig config;

    public RequestSizeLimit(RequestSizeLimitConfig config) {
        this.config = config;
    }

    /** A limit of {@code maxBodyBytes}. */
    public static RequestSizeLimit of(long maxBodyBytes) {
        return new RequestSizeLimit(new RequestSizeLimitConfig(maxBodyBytes));
    }

    public RequestSizeLimitConfig config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        long limit = config.maxBodyBytes();
        return (environ, startResponse) -> {
            long declared = environ.contentLength();
            if (declared > limit) {
                log.info("request body of {} bytes is over the limit of {} for {} {}; answered 413",
                        declared, limit, environ.requestMethod(), ErrorPages.target(environ));
                return StockResponse.answer(environ, startResponse, 413, List.of(), null);
            }
            if (declared < 0) environ.put(EnvironKeys.INPUT, new LimitedInput(environ.input(), limit));
            CommitTracking response = new CommitTracking(startResponse);
            Body body;
            try {
                body = next.call(environ, response);
            } catch (Exception | Error error) {
                Body answer = answerTooLarge(environ, response, error);
                if (answer == null) throw error;
                return answer;
            }
            if (body instanceof FileBody) return body;
            return new LimitedBody(body, environ, response);
        };
    }

    /** The 413 for a body that grew past the limit, or null if {@code error} is something else or comes too late. */
    private static Body answerTooLarge(Environ environ, CommitTracking response, Throwable error) {
        RequestBodyTooLargeException tooLarge = CommitTracking.find(error, RequestBodyTooLargeException.class);
        if (tooLarge == null || response.committed()) return null;
        log.info("request body without Content-Length grew past the limit of {} for {} {}; answered 413",
                tooLarge.limit(), environ.requestMethod(), ErrorPages.target(environ));
        return StockResponse.answer(environ, response.server(), 413, List.of(), error);
    }

    /** The app's body; a too-large body detected while it is iterated still becomes a 413 if nothing went out. */
    private static final class LimitedBody implements Body {
        private final Body inner;
        private final Environ environ;
        private final CommitTracking response;
        private Body replacement;

        LimitedBody(Body inner, Environ environ, CommitTracking response) {
            this.inner = inner;
            this.environ = environ;
            this.response = response;
        }

        @Override
        public byte[] next() throws IOException {
            if (replacement != null) return replacement.next();
            try {
                return response.committed(inner.next());
            } catch (IOException | RuntimeException | Error e) {
                Body answer = answerTooLarge(environ, response, e);
                if (answer == null) throw e;
                replacement = answer;
                return replacement.next();
            }
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
