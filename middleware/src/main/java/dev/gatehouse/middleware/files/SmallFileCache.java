package dev.gatehouse.middleware.files;

import dev.gatehouse.middleware.files.FileResolver.Found;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of small files, kept for up to {@link #VALID_NANOS}: a busy small file then costs no
 * open, read or close, only the {@code lstat} that {@link ResolutionCache} does anyway. An entry
 * is used only while the file still has the inode, size and modification time it was read with,
 * and is read again after a second (so a permission change is seen within that time, as with
 * nginx's {@code open_file_cache_valid}). Bounded: files up to {@link #MAX_FILE_BYTES}, at most
 * {@link #MAX_TOTAL_BYTES} in all, past which the cache is emptied and starts over.
 */
final class SmallFileCache {
    static final int MAX_FILE_BYTES = 16 * 1024;
    static final long MAX_TOTAL_BYTES = 32L * 1024 * 1024;
    static final long VALID_NANOS = 1_000_000_000L;

    private record Entry(Object fileKey, long size, FileTime modified, byte[] bytes, long readAt) {
        boolean describes(BasicFileAttributes now) {
            return Objects.equals(fileKey, now.fileKey()) && size == now.size() && modified.equals(now.lastModifiedTime());
        }
    }

    private final ConcurrentHashMap<Path, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong totalBytes = new AtomicLong();

    static boolean fits(Found file) {
        return file.attributes().size() <= MAX_FILE_BYTES;
    }

    /** The file's bytes if they were read within the last second from this very version of it, else null. */
    byte[] get(Found file) {
        Entry entry = entries.get(file.file());
        if (entry == null) return null;
        if (System.nanoTime() - entry.readAt() < VALID_NANOS && entry.describes(file.attributes())) return entry.bytes();
        if (entries.remove(file.file(), entry)) totalBytes.addAndGet(-entry.bytes().length);
        return null;
    }

    /**
     * Reads the whole file from {@code channel} and keeps it. Returns null, keeping nothing, when
     * the file no longer has the size it was resolved with (it changed in between).
     */
    byte[] read(Found file, FileChannel channel) throws IOException {
        int size = (int) file.attributes().size();
        ByteBuffer buffer = ByteBuffer.allocate(size + 1); // one byte more: a file that grew is seen
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, buffer.position()) < 0) break;
        }
        if (buffer.position() != size) return null;
        byte[] bytes = buffer.array().length == size ? buffer.array() : java.util.Arrays.copyOf(buffer.array(), size);
        if (totalBytes.addAndGet(size) > MAX_TOTAL_BYTES) {
            entries.clear();
            totalBytes.set(size);
        }
        Entry old = entries.put(file.file(), new Entry(file.attributes().fileKey(), size, file.attributes().lastModifiedTime(), bytes, System.nanoTime()));
        if (old != null) totalBytes.addAndGet(-old.bytes().length);
        return bytes;
    }
}
