package dev.gatehouse.middleware.files;

import dev.gatehouse.middleware.files.FileResolver.Found;
import dev.gatehouse.middleware.files.FileResolver.Missing;
import dev.gatehouse.middleware.files.FileResolver.Resolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a path resolved to, remembered for up to {@link #VALID_NANOS}, like nginx's
 * {@code open_file_cache_valid}: a busy file then costs one {@code lstat} per request instead of a
 * walk of its path and a {@code stat} per possible {@code .br}/{@code .gz} sibling.
 * <ul>
 *   <li>A file found is checked on every use: its real path must still name the same inode with
 *       the same size and modification time (so validators are never stale, and a directory
 *       swapped for a link out of the root is not followed); otherwise it is resolved again.</li>
 *   <li>A path found missing stays missing for up to a second (a new file, or a new sibling, is
 *       seen within that time).</li>
 *   <li>Directories and refusals are not kept (a refusal is logged every time).</li>
 * </ul>
 * Bounded: past {@link #MAX_ENTRIES} paths the cache is emptied and starts over.
 */
final class ResolutionCache {
    static final long VALID_NANOS = 1_000_000_000L;
    static final int MAX_ENTRIES = 4096;

    private record Entry(Resolution resolution, long checkedAt) {
    }

    private final ConcurrentHashMap<List<String>, Entry> entries = new ConcurrentHashMap<>();

    /** The remembered resolution of {@code segments} if it is still valid, else null. */
    Resolution get(List<String> segments) {
        Entry entry = entries.get(segments);
        if (entry == null) return null;
        boolean fresh = System.nanoTime() - entry.checkedAt() < VALID_NANOS;
        if (fresh && (!(entry.resolution() instanceof Found found) || unchanged(found))) return entry.resolution();
        entries.remove(segments, entry);
        return null;
    }

    /** Remembers a file found or a path missing; other resolutions are ignored. */
    void put(List<String> segments, Resolution resolution) {
        if (!(resolution instanceof Found || resolution instanceof Missing)) return;
        if (entries.size() >= MAX_ENTRIES) entries.clear();
        entries.put(List.copyOf(segments), new Entry(resolution, System.nanoTime()));
    }

    int size() {
        return entries.size();
    }

    /** True if the file's real path still names the same regular file, unmodified. */
    private static boolean unchanged(Found found) {
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(found.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return false;
        }
        BasicFileAttributes then = found.attributes();
        return now.isRegularFile() && Objects.equals(now.fileKey(), then.fileKey()) && now.size() == then.size()
                && now.lastModifiedTime().equals(then.lastModifiedTime());
    }
}
