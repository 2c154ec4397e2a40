package dev.gatehouse.cgi.client;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * A started script as the exchange drives it, whichever {@link CgiSpawner} started it: its
 * standard input and output, signals to its process group, and its end.
 */
interface CgiProcess {
    /** Writes request body bytes to the script's standard input; fails once the script stopped reading it. */
    void write(byte[] b, int off, int len) throws IOException;

    /** Ends the script's standard input (the script reads end-of-file). */
    void closeInput();

    /** Reads the script's standard output: at least one byte, or -1 at its end. */
    int read(byte[] b, int off, int len) throws IOException;

    /** Closes this side of the script's input and output; a blocked {@link #read} or {@link #write} returns or fails. Idempotent. */
    void close();

    /** Sends SIGTERM, or with {@code kill} SIGKILL, to the script's process group. */
    void signal(boolean kill);

    /**
     * Completes with how the script ended ({@code "exit 0"}, {@code "signal 15"}) once it was
     * reaped; completes exceptionally with a {@link CgiScriptException} if it never started.
     */
    CompletableFuture<String> exit();
}
