package dev.gatehouse.core;

import dev.gatehouse.api.Body;
import java.io.IOException;

/** The application's body as the {@link Validator} hands it to the server: checks both ends of iterating it. */
final class ValidatorBody implements Body {
    private final Body body;
    private final ValidatorRequest request;
    private boolean ended;
    private boolean closed;

    ValidatorBody(Body body, ValidatorRequest request) {
        this.body = body;
        this.request = request;
    }

    @Override
    public byte[] next() throws IOException {
        Validator validator = request.validator();
        if (closed) throw validator.serverBreach("body.next() called after body.close()");
        if (ended) throw validator.serverBreach("body.next() called again after it returned null (the end of the body)");
        byte[] chunk = body.next();
        if (chunk == null) {
            ended = true;
            if (!request.started()) throw validator.appBreach("the body ended but start was never called");
            return null;
        }
        if (!request.started()) throw validator.appBreach("the body produced a chunk before start was called");
        return chunk;
    }

    @Override
    public void close() throws IOException {
        if (closed) throw request.validator().serverBreach("body.close() called twice; the server closes it exactly once");
        closed = true;
        try {
            body.close();
        } finally {
            request.end();
        }
    }
}
