package dev.gatehouse.api;

import java.nio.channels.FileChannel;

/** The {@code gateway.file_wrapper}: turns a file region into a body the server may send zero-copy. */
@FunctionalInterface
public interface FileWrapper {
    Body wrap(FileChannel channel, long start, long length);

    FileWrapper DEFAULT = FileBody::new;
}
