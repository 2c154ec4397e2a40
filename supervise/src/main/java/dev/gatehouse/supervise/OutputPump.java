package dev.gatehouse.supervise;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads one output stream of a backend process (a pipe) until it ends and hands each line to the
 * log. Lines longer than the limit are cut, with the number of bytes dropped. A platform thread:
 * a read from a pipe would pin a virtual thread's carrier for the process's whole life.
 */
final class OutputPump {
    private final Thread thread;

    private OutputPump(Thread thread) {
        this.thread = thread;
    }

    static OutputPump start(String threadName, InputStream in, int maxLineBytes, Consumer<String> lines) {
        Thread t = Thread.ofPlatform().daemon().name(threadName).unstarted(() -> pump(in, maxLineBytes, lines));
        t.start();
        return new OutputPump(t);
    }

    private static void pump(InputStream in, int maxLineBytes, Consumer<String> lines) {
        byte[] buf = new byte[8192];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long dropped = 0;
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        emit(line, dropped, lines);
                        dropped = 0;
                    } else if (line.size() < maxLineBytes) {
                        line.write(b);
                    } else {
                        dropped++;
                    }
                }
            }
        } catch (IOException e) {
            // the pipe was closed under us (the process is gone): what was read is logged below
        }
        if (line.size() > 0 || dropped > 0) emit(line, dropped, lines);
    }

    private static void emit(ByteArrayOutputStream line, long dropped, Consumer<String> lines) {
        String text = line.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
        text = printable(text);
        if (dropped > 0) text += " [" + dropped + " more bytes cut]";
        line.reset();
        lines.accept(text);
    }

    /** Control characters (terminal escapes included) become '?': the log is text. */
    private static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < ' ' && c != '\t') || (c >= 0x7F && c < 0xA0);
            if (control && out == null) out = new StringBuilder(text.substring(0, i));
            if (out != null) out.append(control ? '?' : c);
        }
        return out == null ? text : out.toString();
    }

    /** Waits up to {@code millis} for the stream to end; true if it did. */
    boolean join(long millis) throws InterruptedException {
        return thread.join(java.time.Duration.ofMillis(Math.max(1, millis)));
    }
}
