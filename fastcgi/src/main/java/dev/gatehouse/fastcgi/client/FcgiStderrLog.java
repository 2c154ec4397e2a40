package dev.gatehouse.fastcgi.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a backend writes to STDERR for one request, logged line by line at warn (as nginx logs
 * "FastCGI sent in stderr"), up to {@code maxBytes}; the rest is counted and reported once.
 */
final class FcgiStderrLog {
    private static final Logger log = LoggerFactory.getLogger(FcgiStderrLog.class);
    private final String request;
    private final int maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    private long seen;

    FcgiStderrLog(String request, int maxBytes) {
        this.request = request;
        this.maxBytes = maxBytes;
    }

    void write(byte[] content) {
        for (byte b : content) {
            if (seen++ >= maxBytes) continue;
            if (b == '\n') flushLine();
            else line.write(b);
        }
    }

    /** Logs the last partial line and how much was dropped. */
    void finish() {
        flushLine();
        if (seen > maxBytes) log.warn("FastCGI stderr for {}: {} more bytes not logged", request, seen - maxBytes);
    }

    private void flushLine() {
        if (line.size() == 0) return;
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
        log.warn("FastCGI stderr for {}: {}", request, text.replaceAll("\\p{Cntrl}", "?"));
    }
}
