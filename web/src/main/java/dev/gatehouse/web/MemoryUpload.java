package dev.gatehouse.web;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** An upload small enough to stay in memory. */
record MemoryUpload(String fieldName, String fileName, String contentType, byte[] bytes) implements Upload {
    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }
}
