package dev.gatehouse.http1.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes response heads under every {@link Feed} and two reader sizes (one that starts at 16
 * bytes and grows, one of the full size), and checks all of them reach the same outcome.
 */
final class Responses {
    /** The decoder's limits; tests shrink them so that a limit is easy to reach. */
    record Limits(int field, int headerBytes, int headerCount, int interim) {
        static final Limits DEFAULT = new Limits(8192, 64 * 1024, 100, 8);

        int bufferSize() {
            return Http1ResponseDecoder.bufferSizeFor(field);
        }

        int[] initialSizes() {
            return new int[] {Math.min(16, bufferSize()), bufferSize()};
        }

        Http1ResponseDecoder decoder(Http1Reader reader) {
            return new Http1ResponseDecoder(reader, field, headerBytes, headerCount, interim);
        }
    }

    private Responses() {
    }

    static Http1Response decode(String raw) {
        return decode(raw, "GET", Limits.DEFAULT);
    }

    static Http1Response decode(String raw, String method) {
        return decode(raw, method, Limits.DEFAULT);
    }

    /** The decoded head (or null at a clean end), the same under every feed. */
    static Http1Response decode(String raw, String method, Limits limits) {
        byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
        Http1Response first = null;
        String expected = null;
        for (Feed feed : Feed.values()) {
            for (int initial : limits.initialSizes()) {
                Http1Response response;
                try {
                    response = limits.decoder(feed.reader(bytes, initial, limits.bufferSize())).decode(method);
                } catch (IOException e) {
                    throw new AssertionError("fed " + feed + " (reader " + initial + "): " + e, e);
                }
                String text = describe(response);
                if (expected == null) {
                    first = response;
                    expected = text;
                } else {
                    assertThat(text).as("fed %s (reader %d)", feed, initial).isEqualTo(expected);
                }
            }
        }
        return first;
    }

    /** The exception every feed ends in (same status, same message). */
    static Http1Exception reject(String raw, String method, Limits limits) {
        byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
        Http1Exception first = null;
        for (Feed feed : Feed.values()) {
            for (int initial : limits.initialSizes()) {
                try {
                    Http1Response response = limits.decoder(feed.reader(bytes, initial, limits.bufferSize())).decode(method);
                    fail("fed %s (reader %d): expected a rejection, decoded %s", feed, initial, describe(response));
                } catch (Http1Exception e) {
                    if (first == null) {
                        first = e;
                    } else {
                        assertThat(e.status() + " " + e.getMessage()).as("fed %s (reader %d)", feed, initial)
                                .isEqualTo(first.status() + " " + first.getMessage());
                    }
                } catch (IOException e) {
                    throw new AssertionError("fed " + feed + ": not an Http1Exception: " + e, e);
                }
            }
        }
        return first;
    }

    /** Asserts the head is rejected with 502 for the reason that names {@code because}. */
    static void assertRejected(String raw, String because) {
        assertRejected(raw, Limits.DEFAULT, because);
    }

    static void assertRejected(String raw, Limits limits, String because) {
        Http1Exception e = reject(raw, "GET", limits);
        byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(e.status()).as("status for %s", Requests.printable(bytes)).isEqualTo(502);
        assertThat(e.getMessage()).as("reason for %s", Requests.printable(bytes)).contains(because);
    }

    /** A one-line summary of everything the decoder produced. */
    static String describe(Http1Response r) {
        if (r == null) return "null";
        StringBuilder b = new StringBuilder()
                .append("1.").append(r.minorVersion()).append(' ').append(r.status().code()).append(" [").append(r.status().reason())
                .append("] framing=").append(r.framing()).append(" length=").append(r.contentLength())
                .append(" keepAlive=").append(r.keepAlive()).append(" interim=").append(r.interimResponses()).append(" headers=[");
        Http1Headers h = r.headers();
        for (int i = 0; i < h.size(); i++) b.append(h.name(i)).append('|').append(h.value(i)).append("; ");
        return b.append(']').toString();
    }
}
