package dev.gatehouse.fastcgi.server;

import java.io.ByteArrayOutputStream;

/** Encoded records waiting to be written in one go; reusable, with its array exposed to avoid a copy. */
final class RecordBuffer extends ByteArrayOutputStream {
    RecordBuffer(int size) {
        super(size);
    }

    byte[] array() {
        return buf;
    }
}
