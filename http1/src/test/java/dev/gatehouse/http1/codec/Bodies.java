package dev.gatehouse.http1.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Reads request bodies through a body decoder under every {@link Feed}, reader size and
 * {@link Reading} style, and checks they all agree and stop exactly at the end of the body.
 */
final class Bodies {
    /** What follows the body on the wire (the next pipelined request); a decoder must leave it. */
    static final String NEXT = "GET /next HTTP/1.1\r\n";

    /** How the app reads: big reads, small reads, or {@code read()} one byte at a time. */
    enum Reading {
        BULK(65536), SMALL(3), SINGLE(0);

        private final int size;

        Reading(int size) {
            this.size = size;
        }

        int read(Http1BodyDecoder body, byte[] scratch) throws IOException {
            if (size == 0) {
                int b = body.read();
                if (b >= 0) scratch[0] = (byte) b;
                return b < 0 ? -1 : 1;
            }
            return body.read(scratch, 0, size);
        }
    }

    private Bodies() {
    }

    static Http1Reader reader(Feed feed, byte[] wire, int initialSize) {
        return feed.reader(wire, initialSize, 4096 + 16 * 1024);
    }

    /** The decoded body, the same under every feed and reading; {@link #NEXT} must be left unread. */
    static String decode(String body, Function<Http1Reader, Http1BodyDecoder> decoder) {
        byte[] wire = (body + NEXT).getBytes(StandardCharsets.ISO_8859_1);
        String expected = null;
        for (Feed feed : Feed.values()) {
            for (int initial : new int[] {16, 8192}) {
                for (Reading reading : Reading.values()) {
                    Http1Reader reader = reader(feed, wire, initial);
                    Http1BodyDecoder decoding = decoder.apply(reader);
                    String got;
                    try {
                        got = readAll(decoding, reading);
                        assertThat(decoding.complete()).as("complete after the end, fed %s, %s", feed, reading).isTrue();
                        assertThat(decoding.read()).as("read after the end").isEqualTo(-1);
                        assertThat(rest(reader)).as("what follows the body, fed %s, %s", feed, reading).isEqualTo(NEXT);
                    } catch (IOException e) {
                        throw new AssertionError("fed " + feed + ", " + reading + ": " + e, e);
                    }
                    if (expected == null) expected = got;
                    else assertThat(got).as("fed %s (reader %d), %s", feed, initial, reading).isEqualTo(expected);
                }
            }
        }
        return expected;
    }

    /** The exception every feed and reading ends in (same status, same message). */
    static Http1Exception reject(String body, Function<Http1Reader, Http1BodyDecoder> decoder) {
        byte[] wire = body.getBytes(StandardCharsets.ISO_8859_1);
        Http1Exception first = null;
        for (Feed feed : Feed.values()) {
            for (int initial : new int[] {16, 8192}) {
                for (Reading reading : Reading.values()) {
                    try {
                        String got = readAll(decoder.apply(reader(feed, wire, initial)), reading);
                        fail("fed %s, %s: expected a rejection, read %s", feed, reading, got);
                    } catch (Http1Exception e) {
                        if (first == null) first = e;
                        else assertThat(e.status() + " " + e.getMessage()).as("fed %s, %s", feed, reading)
                                .isEqualTo(first.status() + " " + first.getMessage());
                    } catch (IOException e) {
                        throw new AssertionError("fed " + feed + ": not an Http1Exception: " + e, e);
                    }
                }
            }
        }
        return first;
    }

    static void assertRejected(String body, Function<Http1Reader, Http1BodyDecoder> decoder, int status, String because) {
        Http1Exception e = reject(body, decoder);
        assertThat(e.status()).as("status for %s", Requests.printable(Requests.latin1(body))).isEqualTo(status);
        assertThat(e.getMessage()).as("reason for %s", Requests.printable(Requests.latin1(body))).contains(because);
    }

    static String readAll(Http1BodyDecoder body, Reading reading) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] scratch = new byte[65536];
        while (true) {
            int n = reading.read(body, scratch);
            if (n < 0) return out.toString(StandardCharsets.ISO_8859_1);
            if (n == 0) throw new AssertionError("read returned 0 for a non-empty buffer");
            out.write(scratch, 0, n);
        }
    }

    /** Whatever the reader still holds or can still read. */
    static String rest(Http1Reader reader) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] scratch = new byte[7];
        int n;
        while ((n = reader.read(scratch, 0, scratch.length)) >= 0) out.write(scratch, 0, n);
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
