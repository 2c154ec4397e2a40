package dev.gatehouse.core;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code gateway.errors} of servers whose errors go to the log: each line an app writes becomes one warning in the log (lines capped at 8 KiB). */
public final class LogErrorStream extends OutputStream {
    private static final Logger log = LoggerFactory.getLogger("gateway.errors");
    private static final int MAX_LINE = 8192;
    private final ThreadLocal<ByteArrayOutputStream> line = ThreadLocal.withInitial(ByteArrayOutputStream::new);

    @Override
    public void write(int b) {
        ByteArrayOutputStream buf = line.get();
        if (b == '\n') {
            emit(buf);
        } else if (buf.size() < MAX_LINE) {
            buf.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) write(b[i]);
    }

    @Override
    public void flush() {
        ByteArrayOutputStream buf = line.get();
        if (buf.size() > 0) emit(buf);
    }

    private static void emit(ByteArrayOutputStream buf) {
        log.warn("{}", buf.toString(StandardCharsets.UTF_8));
        buf.reset();
    }
}
