package dev.gatehouse.examples;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import java.util.Arrays;
import java.util.List;

/**
 * Streams {@code chunks} chunks of {@code size} bytes with no Content-Length (so HTTP/1.1 sends
 * them chunked), made one at a time as the server asks. Chunk {@code i} is the letter
 * {@code 'a' + i % 26} repeated, ending with a newline, so chunk boundaries show in a terminal.
 * Both parameters are bounded; a missing one takes its default, a bad one gets a 400.
 */
public final class StreamApp implements Application {
    static final int DEFAULT_CHUNKS = 10;
    static final int DEFAULT_SIZE = 1024;
    static final int MAX_CHUNKS = 100_000;
    static final int MAX_SIZE = 1024 * 1024;
    private static final List<Header> HEADERS = List.of(Header.of("Content-Type", "text/plain; charset=us-ascii"));

    @Override
    public Body call(Environ environ, StartResponse startResponse) {
        FormData query = FormData.parse(environ.queryString());
        int chunks = parse(query.first("chunks"), DEFAULT_CHUNKS, 0, MAX_CHUNKS);
        int size = parse(query.first("size"), DEFAULT_SIZE, 1, MAX_SIZE);
        if (chunks < 0 || size < 0) {
            return Responses.text(startResponse, 400, "chunks must be an integer from 0 to " + MAX_CHUNKS
                    + " and size one from 1 to " + MAX_SIZE + "\n");
        }
        startResponse.start(Status.OK, HEADERS);
        return new Chunks(chunks, size);
    }

    /** The value, its default when absent, or -1 when it is not a decimal integer within bounds. */
    private static int parse(String value, int fallback, int min, int max) {
        if (value == null) return fallback;
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) return -1;
        int n = Integer.parseInt(value);
        return n < min || n > max ? -1 : n;
    }

    private static final class Chunks implements Body {
        private final int count;
        private final int size;
        private int made;

        Chunks(int count, int size) {
            this.count = count;
            this.size = size;
        }

        @Override
        public byte[] next() {
            if (made == count) return null;
            byte[] chunk = new byte[size]; // fresh each time: the server may still hold the last one
            Arrays.fill(chunk, (byte) ('a' + made % 26));
            chunk[size - 1] = '\n';
            made++;
            return chunk;
        }
    }
}
