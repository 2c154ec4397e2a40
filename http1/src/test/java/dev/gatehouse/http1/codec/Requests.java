package dev.gatehouse.http1.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes request heads under every {@link Feed} and two reader sizes (one that starts at 16 bytes
 * and grows, one sized like the server's), and checks all of them reach the same outcome.
 */
final class Requests {
    /** The decoder's limits; tests shrink them so that a limit is easy to reach. */
    record Limits(int requestLine, int field, int headerBytes, int headerCount) {
        static final Limits DEFAULT = new Limits(8192, 8192, 64 * 1024, 100);

        int bufferSize() {
            return Http1RequestDecoder.bufferSizeFor(requestLine, field);
        }

        int[] initialSizes() {
            return new int[] {Math.min(16, bufferSize()), bufferSize()};
        }

        Http1RequestDecoder decoder(Http1Reader reader) {
            return new Http1RequestDecoder(reader, requestLine, field, headerBytes, headerCount);
        }
    }

    private Requests() {
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Http1Request decode(String raw) {
        return decode(latin1(raw), Limits.DEFAULT);
    }

    static Http1Request decode(String raw, Limits limits) {
        return decode(latin1(raw), limits);
    }

    /** The decoded head (or null at a clean end), the same under every feed. */
    static Http1Request decode(byte[] raw, Limits limits) {
        Http1Request first = null;
        String expected = null;
        for (Feed feed : Feed.values()) {
            for (int initial : limits.initialSizes()) {
                Http1Request request;
                try {
                    request = limits.decoder(feed.reader(raw, initial, limits.bufferSize())).decode();
                } catch (IOException e) {
                    throw new AssertionError("fed " + feed + " (reader " + initial + "): " + e, e);
                }
                String text = describe(request);
                if (expected == null) {
                    first = request;
                    expected = text;
                } else {
                    assertThat(text).as("fed %s (reader %d)", feed, initial).isEqualTo(expected);
                }
            }
        }
        return first;
    }

    static Http1Exception reject(String raw) {
        return reject(latin1(raw), Limits.DEFAULT);
    }

    static Http1Exception reject(String raw, Limits limits) {
        return reject(latin1(raw), limits);
    }

    /** The exception every feed ends in (same status, same message). */
    static Http1Exception reject(byte[] raw, Limits limits) {
        Http1Exception first = null;
        for (Feed feed : Feed.values()) {
            for (int initial : limits.initialSizes()) {
                try {
                    Http1Request request = limits.decoder(feed.reader(raw, initial, limits.bufferSize())).decode();
                    fail("fed %s (reader %d): expected a rejection, decoded %s", feed, initial, describe(request));
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

    /** Asserts the head is rejected with {@code status} for the reason that names {@code because}. */
    static void assertRejected(String raw, int status, String because) {
        assertRejected(latin1(raw), Limits.DEFAULT, status, because);
    }

    static void assertRejected(String raw, Limits limits, int status, String because) {
        assertRejected(latin1(raw), limits, status, because);
    }

    static void assertRejected(byte[] raw, Limits limits, int status, String because) {
        Http1Exception e = reject(raw, limits);
        assertThat(e.status()).as("status for %s", printable(raw)).isEqualTo(status);
        assertThat(e.getMessage()).as("reason for %s", printable(raw)).contains(because);
    }

    /** A one-line summary of everything the decoder produced. */
    static String describe(Http1Request r) {
        if (r == null) return "null";
        StringBuilder b = new StringBuilder()
                .append(r.method()).append(' ').append(r.target()).append(" 1.").append(r.minorVersion())
                .append(" path=").append(r.path()).append(" query=").append(r.query()).append(" host=").append(r.host())
                .append(" length=").append(r.contentLength()).append(" keepAlive=").append(r.keepAlive())
                .append(" expect=").append(r.expectContinue()).append(" headers=[");
        Http1Headers h = r.headers();
        for (int i = 0; i < h.size(); i++) {
            b.append(h.name(i)).append('|').append(h.environKey(i)).append('|').append(h.value(i)).append("; ");
        }
        return b.append(']').toString();
    }

    static String printable(byte[] raw) {
        StringBuilder b = new StringBuilder();
        for (byte x : raw) {
            int c = x & 0xFF;
            if (c == '\r') b.append("\\r");
            else if (c == '\n') b.append("\\n");
            else if (c < 0x20 || c >= 0x7F) b.append(String.format("\\x%02x", c));
            else b.append((char) c);
        }
        return b.toString();
    }
}
