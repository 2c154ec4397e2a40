package dev.gatehouse.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns ISO-8859-1 bytes into Strings, handing back the String made earlier for the same bytes.
 * A web server sends the same variable names on every request, and mostly the same values too
 * (REQUEST_METHOD, SERVER_PROTOCOL, SERVER_SOFTWARE, the paths of a busy URL): reusing them saves
 * an allocation each, and a name keeps its String's cached hash for the environ's map.
 *
 * <p>A fixed table of immutable entries, one per slot, the last bytes seen there winning: bounded in
 * memory whatever arrives, and safe to share between threads without locking (a lost race only
 * costs a miss). Strings longer than the cutoff are made anew every time.
 */
public final class Latin1StringCache {
    private static final int SLOTS = 1024;
    private static final int MAX_LENGTH = 96;

    private record Entry(byte[] bytes, String string) {
    }

    private final Entry[] table = new Entry[SLOTS];

    /** The String of {@code b[off, off+len)}, one byte per char. */
    public String get(byte[] b, int off, int len) {
        if (len == 0) return "";
        if (len > MAX_LENGTH) return new String(b, off, len, StandardCharsets.ISO_8859_1);
        int slot = hash(b, off, len) & (SLOTS - 1);
        Entry e = table[slot];
        if (e != null && Arrays.equals(e.bytes, 0, e.bytes.length, b, off, off + len)) return e.string;
        String s = new String(b, off, len, StandardCharsets.ISO_8859_1);
        table[slot] = new Entry(Arrays.copyOfRange(b, off, off + len), s);
        return s;
    }

    /**
     * The length and five bytes spread over the range (every byte of one up to five long): constant
     * time, while names and the short values that repeat differ in those. Two ranges that agree there
     * share a slot, which costs misses, never a wrong String.
     */
    private static int hash(byte[] b, int off, int len) {
        int last = off + len - 1;
        int h = len;
        h = 31 * h + b[off];
        h = 31 * h + b[off + (len >> 2)];
        h = 31 * h + b[off + (len >> 1)];
        h = 31 * h + b[last - (len >> 2)];
        h = 31 * h + b[last];
        return h ^ (h >>> 10) ^ (h >>> 20);
    }
}
