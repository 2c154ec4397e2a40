package dev.gatehouse.middleware;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers passwords that passed a bcrypt check, so a client sending the same credentials on
 * every request pays bcrypt once. It keeps, per user, the hash checked against and an HMAC-SHA256
 * of the password under a key made at random for this process: never the password, and nothing
 * that can be checked offline without the key. A hit needs the same hash (a changed file misses)
 * and an equal HMAC (compared in constant time). Least recently used entries go first; failed
 * checks are never remembered, so guessing stays as slow as bcrypt makes it.
 */
final class VerifiedCache {
    private record Verified(String hash, byte[] mac) {
    }

    private final int capacity;
    private final SecretKeySpec key;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Verified> entries;

    VerifiedCache(int capacity) {
        this.capacity = capacity;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
                return size() > VerifiedCache.this.capacity;
            }
        };
    }

    byte[] mac(String user, byte[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(user.getBytes(StandardCharsets.ISO_8859_1));
            mac.update((byte) 0);
            return mac.doFinal(password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    boolean contains(String user, String hash, byte[] mac) {
        if (capacity == 0) return false;
        Verified e;
        lock.lock();
        try {
            e = entries.get(user);
        } finally {
            lock.unlock();
        }
        return e != null && e.hash().equals(hash) && MessageDigest.isEqual(e.mac(), mac);
    }

    void put(String user, String hash, byte[] mac) {
        if (capacity == 0) return;
        lock.lock();
        try {
            entries.put(user, new Verified(hash, mac));
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }
}
