package dev.gatehouse.api;

import java.io.IOException;

/**
 * The legacy {@code write} callable returned by {@link StartResponse#start}: writes body bytes
 * immediately, before those of the returned {@link Body}. Prefer returning a body.
 */
@FunctionalInterface
public interface Write {
    void write(byte[] bytes, int offset, int length) throws IOException;

    default void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }
}
