package dev.gatehouse.http1.codec;

import java.util.Arrays;

/**
 * The header fields of one request, as parallel arrays (no per-field objects). Common names come
 * in their canonical spelling (shared strings), others as the client spelled them; each also has its CGI environ key ({@code HTTP_USER_AGENT}), or null for a
 * name that cannot be mapped unambiguously (one containing '_', which nginx and waitress drop).
 */
public final class Http1Headers {
    private String[] names = new String[8];
    private String[] keys = new String[8];
    private String[] values = new String[8];
    private int size;

    void add(String name, String key, String value) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        keys[size] = key;
        values[size] = value;
        size++;
    }

    public int size() {
        return size;
    }

    public String name(int i) {
        return names[i];
    }

    /** The environ key ({@code HTTP_X_Y}, or {@code CONTENT_TYPE}/{@code CONTENT_LENGTH}), or null. */
    public String environKey(int i) {
        return keys[i];
    }

    public String value(int i) {
        return values[i];
    }

    /** The first value of the field named {@code name} (ASCII case-insensitive), or null. */
    public String get(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) return values[i];
        }
        return null;
    }

    /** How many fields are named {@code name}. */
    public int count(String name) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) n++;
        }
        return n;
    }
}
