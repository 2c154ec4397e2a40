package dev.gatehouse.web.templates;

import io.pebbletemplates.pebble.cache.PebbleCache;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A Pebble cache holding at most {@code capacity} entries, dropping the least recently used. */
final class BoundedCache<K, V> implements PebbleCache<K, V> {
    private final Map<K, V> entries;

    BoundedCache(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("cache capacity must be at least 1, was " + capacity);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
        synchronized (this) {
            V cached = entries.get(key);
            if (cached != null) return cached;
        }
        // Computed outside the lock: compiling one template may load another (its parent).
        V value = mappingFunction.apply(key);
        synchronized (this) {
            V raced = entries.putIfAbsent(key, value);
            return raced != null ? raced : value;
        }
    }

    @Override
    public synchronized void invalidateAll() {
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }
}
