package dev.gatehouse.http1.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The IMF-fixdate for the Date header, formatted at most once per second. */
public final class HttpDate {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static volatile Cached cached = new Cached(-1, null);

    private record Cached(long second, byte[] bytes) {
    }

    private HttpDate() {
    }

    public static byte[] now() {
        long second = System.currentTimeMillis() / 1000;
        Cached c = cached;
        if (c.second != second) {
            String text = IMF_FIXDATE.format(Instant.ofEpochSecond(second));
            c = new Cached(second, text.getBytes(StandardCharsets.US_ASCII));
            cached = c;
        }
        return c.bytes;
    }
}
