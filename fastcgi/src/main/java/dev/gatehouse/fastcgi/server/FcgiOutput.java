package dev.gatehouse.fastcgi.server;

import dev.gatehouse.core.ClientGoneException;
import dev.gatehouse.core.net.Deadline;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The write side of a connection, shared by its requests: each call writes whole records under one
 * lock, so records of concurrent requests never interleave mid-record. A request's records stop once
 * its END_REQUEST went out. Every write runs under the write deadline, which closes the channel.
 */
final class FcgiOutput {
    private final SocketChannel channel;
    private final Deadline deadline;
    private final Duration writeTimeout;
    private final ReentrantLock lock = new ReentrantLock();

    FcgiOutput(SocketChannel channel, Deadline deadline, Duration writeTimeout) {
        this.channel = channel;
        this.deadline = deadline;
        this.writeTimeout = writeTimeout;
    }

    /** Writes records that belong to no request (management answers, rejections). */
    void send(RecordBuffer records) throws IOException {
        lock.lock();
        try {
            writeFully(records);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes records of {@code request}; {@code last} when they end with its END_REQUEST.
     *
     * @throws ClientGoneException if the request had already ended (aborted by the web server)
     */
    void send(FcgiRequest request, RecordBuffer records, boolean last) throws IOException {
        lock.lock();
        try {
            if (request.ended()) throw new ClientGoneException("request " + request.id() + " was aborted by the web server");
            if (last) request.markEnded();
            writeFully(records);
        } finally {
            lock.unlock();
        }
    }

    /** Ends {@code request} with END_REQUEST unless it already ended; returns whether this call ended it. */
    boolean endIfOpen(FcgiRequest request, RecordBuffer endRecord) throws IOException {
        lock.lock();
        try {
            if (request.ended()) return false;
            request.markEnded();
            writeFully(endRecord);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Half-closes the connection between records: the web server reads everything sent, then end-of-stream. */
    void shutdown() throws IOException {
        lock.lock();
        try {
            channel.shutdownOutput();
        } finally {
            lock.unlock();
        }
    }

    private void writeFully(RecordBuffer records) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(records.array(), 0, records.size());
        deadline.arm(writeTimeout, "response write");
        try {
            while (buf.hasRemaining()) channel.write(buf);
        } catch (IOException e) {
            throw new ClientGoneException(deadline.fired() ? "web server did not read the response within " + writeTimeout
                    : "write failed: " + e.getMessage(), e);
        } finally {
            deadline.disarm();
        }
    }
}
