package dev.gatehouse.web;

import java.io.IOException;
import java.io.InputStream;

/**
 * One uploaded file of a multipart form. Small uploads are held in memory, larger ones in a temp
 * file that is deleted when the request ends.
 */
public interface Upload {
    /** The form field name. */
    String fieldName();

    /** The file name the client sent (its last path segment only), or "" when none was given. */
    String fileName();

    /** The part's Content-Type, or application/octet-stream when none was given. */
    String contentType();

    /** The size in bytes. */
    long size();

    /** The content, from the start; the caller closes the stream. */
    InputStream open() throws IOException;

    /** Copies the content to {@code target}, which must not exist yet (the temp file itself goes when the request ends). */
    default void saveTo(java.nio.file.Path target) throws IOException {
        try (InputStream in = open()) {
            java.nio.file.Files.copy(in, target);
        }
    }
}
