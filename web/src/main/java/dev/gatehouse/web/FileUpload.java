package dev.gatehouse.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** An upload streamed to a temp file, which is deleted when the request ends. */
record FileUpload(String fieldName, String fileName, String contentType, Path file, long size) implements Upload {
    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }
}
