package dev.gatehouse.examples;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code Hello, world!} as plain text with a Content-Length: the benchmark app. Its head and
 * body are built once, so a request costs one small body object.
 */
public final class HelloApp implements Application {
    private static final byte[] BODY = "Hello, world!\n".getBytes(StandardCharsets.US_ASCII);
    private static final List<Header> HEADERS = List.of(
            Header.of("Content-Type", "text/plain; charset=utf-8"),
            Header.of("Content-Length", Integer.toString(BODY.length)));

    @Override
    public Body call(Environ environ, StartResponse startResponse) {
        startResponse.start(Status.OK, HEADERS);
        return new OneChunk();
    }

    private static final class OneChunk implements Body {
        private boolean sent;

        @Override
        public byte[] next() {
            if (sent) return null;
            sent = true;
            return BODY;
        }
    }
}
