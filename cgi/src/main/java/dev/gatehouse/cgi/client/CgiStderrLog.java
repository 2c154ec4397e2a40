package dev.gatehouse.cgi.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one script writes to its standard error, logged line by line at warn with the script's
 * name and the request (as Apache logs "AH01215: ...: /path/script.sh"), up to {@code maxBytes};
 * the rest is counted and reported once. Fed by one thread at a time.
 */
final class CgiStderrLog {
    private static final Logger log = LoggerFactory.getLogger(CgiStderrLog.class);
    private static final int MAX_LINE = 4096;

    /** Where the lines go: the log, or a test's list. */
    @FunctionalInterface
    interface Sink {
        void line(String script, String request, String text);

        Sink LOG = (script, request, text) -> log.warn("CGI stderr from {} for {}: {}", script, request, text);
    }

    private final String script;
    private final String request;
    private final int maxBytes;
    private final Sink sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    private long seen;
    private long droppedElsewhere;
    private boolean finished;

    CgiStderrLog(String script, String request, int maxBytes, Sink sink) {
        this.script = script;
        this.request = request;
        this.maxBytes = maxBytes;
        this.sink = sink;
    }

    void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (seen++ >= maxBytes) continue;
            byte c = b[i];
            if (c == '\n' || line.size() >= MAX_LINE) flushLine();
            if (c != '\n') line.write(c);
        }
    }

    /** Bytes the spawner read and dropped before they reached this log. */
    void droppedBeforeLog(long n) {
        droppedElsewhere += n;
    }

    /** Logs the last partial line and how much was dropped; once. */
    void finish() {
        if (finished) return;
        finished = true;
        flushLine();
        long dropped = Math.max(0, seen - maxBytes) + droppedElsewhere;
        if (dropped > 0) sink.line(script, request, "(" + dropped + " more bytes of standard error not logged)");
    }

    private void flushLine() {
        if (line.size() == 0) return;
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
        sink.line(script, request, text.replaceAll("\\p{Cntrl}", "?"));
    }
}
