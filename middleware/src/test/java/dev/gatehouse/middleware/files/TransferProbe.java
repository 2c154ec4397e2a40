package dev.gatehouse.middleware.files;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.FileBody;
import dev.gatehouse.api.Middleware;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sees how the server sends a {@link FileBody}: the body stays a FileBody, but over a channel that
 * counts the bytes moved by {@code transferTo} (zero-copy) and the {@code read} calls and bytes (copying).
 */
final class TransferProbe implements Middleware {
    private final AtomicLong transferred = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong fileBodies = new AtomicLong();

    long transferred() {
        return transferred.get();
    }

    long reads() {
        return reads.get();
    }

    long bytesRead() {
        return bytesRead.get();
    }

    long fileBodies() {
        return fileBodies.get();
    }

    @Override
    public Application wrap(Application next) {
        return (environ, start) -> {
            Body body = next.call(environ, start);
            if (!(body instanceof FileBody file)) return body;
            fileBodies.incrementAndGet();
            return new FileBody(new Counting(file.channel()), file.start(), file.length());
        };
    }

    private final class Counting extends FileChannel {
        private final FileChannel inner;

        Counting(FileChannel inner) {
            this.inner = inner;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            long n = inner.transferTo(position, count, target);
            transferred.addAndGet(n);
            return n;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            reads.incrementAndGet();
            return counted(inner.read(dst, position));
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            reads.incrementAndGet();
            return counted(inner.read(dst));
        }

        private int counted(int n) {
            if (n > 0) bytesRead.addAndGet(n);
            return n;
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            reads.incrementAndGet();
            return inner.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return inner.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return inner.write(srcs, offset, length);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return inner.write(src, position);
        }

        @Override
        public long position() throws IOException {
            return inner.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            inner.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return inner.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            inner.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            inner.force(metaData);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return inner.transferFrom(src, position, count);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return inner.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return inner.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return inner.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            inner.close();
        }
    }
}
