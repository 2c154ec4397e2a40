package dev.gatehouse.fastcgi.server;

import dev.gatehouse.core.ClientGoneException;
import dev.gatehouse.fastcgi.codec.FcgiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One request's body ({@code gateway.input}): the connection's reader appends STDIN records as they
 * arrive and never waits for the app. Unread bytes stay in memory up to a bound; past it they go to
 * a temporary file (deleted when the body is closed), so a slow app never stalls the other requests
 * of its connection. A body over the size limit fails the app's next read with 413; the rest is dropped.
 */
final class FcgiStdin extends InputStream {
    private final long memoryLimit;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int headOffset;
    private long inMemory;
    private FileChannel spill;
    private long spillWritten;
    private long spillRead;
    private long received;
    private boolean ended;
    private boolean closed;
    private IOException failure;

    FcgiStdin(long memoryLimit, long maxBytes) {
        this.memoryLimit = memoryLimit;
        this.maxBytes = maxBytes;
    }

    /** An already ended, empty body (Authorizer requests have none). */
    static FcgiStdin empty() {
        FcgiStdin in = new FcgiStdin(0, 0);
        in.end();
        return in;
    }

    // ---- the connection's side --------------------------------------------------------------

    /** Appends one STDIN record's content; never blocks on the app. */
    void append(byte[] content) throws IOException {
        lock.lock();
        try {
            if (closed || ended || failure != null) return;
            received += content.length;
            if (received > maxBytes) {
                fail(new FcgiException(413, "request body larger than " + maxBytes + " bytes"));
                return;
            }
            if (spill == null && inMemory + content.length <= memoryLimit) {
                chunks.add(content);
                inMemory += content.length;
            } else {
                writeToSpill(content);
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean ended() {
        lock.lock();
        try {
            return ended || failure != null;
        } finally {
            lock.unlock();
        }
    }

    void end() {
        lock.lock();
        try {
            ended = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The body can never complete (request aborted, connection lost): the app's reads throw {@code why}. */
    void fail(IOException why) {
        lock.lock();
        try {
            if (failure == null && !ended) failure = why;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #fail} but also when the body had ended: the request is gone. */
    void abandon(String why) {
        lock.lock();
        try {
            if (failure == null) failure = new ClientGoneException(why);
            ended = false;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void writeToSpill(byte[] content) throws IOException {
        if (spill == null) {
            Path file = Files.createTempFile("gatehouse-fcgi-stdin-", ".tmp");
            spill = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
        }
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) spillWritten += spill.write(buf, spillWritten);
    }

    // ---- the app's side ------------------------------------------------------------------------

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        lock.lock();
        try {
            while (true) {
                if (closed) throw new IOException("request body already closed");
                if (failure != null) throw failure;
                if (!chunks.isEmpty()) return readMemory(b, off, len);
                if (spillRead < spillWritten) return readSpill(b, off, len);
                if (ended) return -1;
                try {
                    arrived.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the request body");
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private int readMemory(byte[] b, int off, int len) {
        byte[] head = chunks.peekFirst();
        int n = Math.min(len, head.length - headOffset);
        System.arraycopy(head, headOffset, b, off, n);
        headOffset += n;
        inMemory -= n;
        if (headOffset == head.length) {
            chunks.removeFirst();
            headOffset = 0;
        }
        return n;
    }

    private int readSpill(byte[] b, int off, int len) throws IOException {
        int n = spill.read(ByteBuffer.wrap(b, off, (int) Math.min(len, spillWritten - spillRead)), spillRead);
        spillRead += n;
        return n;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, inMemory + spillWritten - spillRead);
        } finally {
            lock.unlock();
        }
    }

    /** Drops what is buffered and deletes the spill file; later STDIN records are discarded. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            chunks.clear();
            inMemory = 0;
            if (spill != null) spill.close();
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
