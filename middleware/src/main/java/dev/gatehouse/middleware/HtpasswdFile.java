package dev.gatehouse.middleware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An htpasswd file, read again whenever it changes: each lookup compares the file's modification
 * time, size and identity (inode) with the copy in memory, and a changed file is re-read by one
 * request while the others go on with the previous copy. If the file cannot be read any more, the
 * previous copy stays in use (and the failure is logged once).
 *
 * <p>Lines are {@code user:hash}; empty lines and {@code #} comments are skipped. The file is
 * read as bytes (ISO-8859-1), so user names match the bytes of the credentials whatever their
 * encoding. Entries in a format that is not checked (DES crypt, SHA-crypt, plain text) or with a
 * bcrypt cost over the limit are refused with a log line naming the user and the reason; a user
 * listed twice keeps the first entry, as in Apache.
 */
final class HtpasswdFile {
    private static final Logger log = LoggerFactory.getLogger(BasicAuth.class);
    private static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private record Stamp(FileTime modified, long size, Object fileKey) {
    }

    private record Snapshot(Stamp stamp, Map<String, PasswordHash> users, int maxBcryptCost) {
    }

    private final Path path;
    private final int maxBcryptCost;
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile Snapshot current;
    private volatile boolean failureLogged;

    /** Reads the file now; a file that cannot be read is an error at startup. */
    HtpasswdFile(Path path, int maxBcryptCost) throws IOException {
        this.path = path;
        this.maxBcryptCost = maxBcryptCost;
        this.current = load(stamp());
    }

    Path path() {
        return path;
    }

    /** The users of the current file, re-read first if it changed. */
    Map<String, PasswordHash> users() {
        refreshIfChanged();
        return current.users();
    }

    /** The highest bcrypt cost in the current file, or 0 if it has no bcrypt entry. */
    int highestBcryptCost() {
        return current.maxBcryptCost();
    }

    private void refreshIfChanged() {
        Snapshot seen = current;
        Stamp now;
        try {
            now = stamp();
        } catch (IOException e) {
            reportFailure(e);
            return;
        }
        if (now.equals(seen.stamp()) || !reloading.tryLock()) return; // someone else is re-reading: use the old copy
        try {
            if (current != seen) return;
            current = load(now);
            failureLogged = false;
            log.info("re-read {}: {} users", path, current.users().size());
        } catch (IOException e) {
            reportFailure(e);
        } finally {
            reloading.unlock();
        }
    }

    private void reportFailure(IOException e) {
        if (failureLogged) return;
        failureLogged = true;
        log.warn("cannot re-read {} ({}); keeping the users read before", path, e.toString());
    }

    private Stamp stamp() throws IOException {
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
    }

    private Snapshot load(Stamp stamp) throws IOException {
        if (stamp.size() > MAX_FILE_BYTES) throw new IOException(path + " is larger than " + MAX_FILE_BYTES + " bytes");
        String content = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
        return parse(content, stamp);
    }

    private Snapshot parse(String content, Stamp stamp) {
        Map<String, PasswordHash> users = new HashMap<>();
        int highest = 0;
        String[] lines = content.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].endsWith("\r") ? lines[n].substring(0, lines[n].length() - 1) : lines[n];
            if (line.isBlank() || line.startsWith("#")) continue;
            int colon = line.indexOf(':');
            if (colon <= 0) {
                log.warn("{} line {}: not user:hash; ignored", path, n + 1);
                continue;
            }
            String user = line.substring(0, colon);
            String hash = line.substring(colon + 1);
            PasswordHash parsed = PasswordHash.parse(hash);
            if (parsed == null) {
                log.warn("{} line {}: user '{}' has a {} password, which Gatehouse does not check (it checks bcrypt, "
                        + "$apr1$/$1$ MD5 and {SHA}); the user cannot log in: rehash it with htpasswd -B",
                        path, n + 1, user, PasswordHash.describe(hash));
                continue;
            }
            if (parsed instanceof PasswordHash.Bcrypt b) {
                if (b.cost() > maxBcryptCost) {
                    log.warn("{} line {}: user '{}' has a bcrypt cost of {}, over the limit of {}; the user cannot log in",
                            path, n + 1, user, b.cost(), maxBcryptCost);
                    continue;
                }
                highest = Math.max(highest, b.cost());
            }
            if (users.putIfAbsent(user, parsed) != null) {
                log.warn("{} line {}: user '{}' is listed again; the first entry counts", path, n + 1, user);
            }
        }
        return new Snapshot(Objects.requireNonNull(stamp), Map.copyOf(users), highest);
    }
}
