package dev.gatehouse.cgi.server;

import dev.gatehouse.core.ClientGoneException;
import dev.gatehouse.core.Exchange;
import dev.gatehouse.core.ResponseHead;
import dev.gatehouse.core.cgi.CgiResponseEncoder;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;

/**
 * The response of a CGI script on stdout: the head with a {@code Status:} field (RFC 3875 6.3),
 * then the body as it is. The head waits in the buffer for the first body bytes, so a small
 * response leaves in one write; every body chunk is flushed at once, so a streamed response
 * reaches the web server as it is made. A file region goes from the file to stdout in the kernel
 * when stdout is a file descriptor. Before the first byte goes out, a request body the app has not
 * read yet is read into memory (up to a bound), so a web server that writes the whole body before it
 * reads the response (Apache httpd's mod_cgi) is never left waiting on a script that waits on it.
 * The body ends when the process closes stdout; a response cut
 * short cannot be marked as such, the web server only sees fewer bytes than a declared
 * Content-Length.
 */
final class CgiExchange implements Exchange {
    private static final int BUFFER = 16 * 1024;
    private final OutputStream stdout;
    private final BufferedOutputStream out;
    private final CgiInput body;
    private final int maxSpool;
    private boolean headSent;
    private boolean aborted;

    /**
     * @param body the request body, or null if there is none
     * @param maxSpool the largest unread body that is read into memory before the response starts (see {@link CgiInput#spoolRest})
     */
    CgiExchange(OutputStream stdout, CgiInput body, int maxSpool) {
        this.stdout = stdout;
        this.out = new BufferedOutputStream(stdout, BUFFER);
        this.body = body;
        this.maxSpool = maxSpool;
    }

    boolean headSent() {
        return headSent;
    }

    boolean aborted() {
        return aborted;
    }

    @Override
    public void sendHead(ResponseHead head) throws IOException {
        byte[] bytes = CgiResponseEncoder.encodeHead(head);
        if (body != null) body.spoolRest(maxSpool);
        headSent = true;
        write(bytes, 0, bytes.length);
    }

    @Override
    public void sendBody(byte[] bytes, int offset, int length) throws IOException {
        write(bytes, offset, length);
        flush();
    }

    @Override
    public void sendFile(FileChannel file, long position, long length) throws IOException {
        if (!(stdout instanceof FileOutputStream fd)) {
            Exchange.super.sendFile(file, position, length);
            return;
        }
        flush();
        FileChannel target = fd.getChannel();
        long end = position + length;
        try {
            while (position < end) {
                long n = file.transferTo(position, end - position, target);
                if (n <= 0) throw new IOException("file ended before the declared region");
                position += n;
            }
        } catch (IOException e) {
            throw gone(e);
        }
    }

    @Override
    public void finish() throws IOException {
        flush();
    }

    /** Sends what is buffered: the web server then sees the body end short of its length, or end at an arbitrary point. */
    @Override
    public void abort() {
        aborted = true;
        try {
            out.flush();
        } catch (IOException ignored) {
            // the web server is gone; nothing is left to tell it
        }
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            throw gone(e);
        }
    }

    private void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw gone(e);
        }
    }

    /** A failed write to stdout means the web server stopped reading (its client went away, or it timed out). */
    private static ClientGoneException gone(IOException e) {
        return new ClientGoneException("stdout closed by the web server: " + e.getMessage(), e);
    }
}
