package dev.gatehouse.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * {@code gateway.input} as the {@link Validator} hands it to the application: checks what the
 * server's stream returns, counts the bytes against {@code CONTENT_LENGTH}, and catches an
 * application closing a stream that is not its own. Every other read path of
 * {@code InputStream} (skip, readAllBytes, transferTo) goes through the two reads here.
 */
final class ValidatorInput extends InputStream {
    private final InputStream in;
    private final long contentLength;
    private final ValidatorRequest request;
    private long count;

    /** @param contentLength the declared length, or -1 when none was declared */
    ValidatorInput(InputStream in, long contentLength, ValidatorRequest request) {
        this.in = in;
        this.contentLength = contentLength;
        this.request = request;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < -1 || b > 255) throw request.validator().serverBreach("gateway.input.read() returned " + b + ", not -1..255");
        if (b >= 0) counted(1);
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int n = in.read(bytes, offset, length);
        if (n < -1 || n > length || (n == 0 && length > 0)) {
            throw request.validator().serverBreach("gateway.input.read(b, off, " + length + ") returned " + n
                    + "; it must block for at least one byte or return -1 at the end");
        }
        if (n > 0) counted(n);
        return n;
    }

    private void counted(int n) {
        count += n;
        if (contentLength >= 0 && count > contentLength) {
            throw request.validator().serverBreach("gateway.input yielded " + count + " bytes, more than CONTENT_LENGTH "
                    + contentLength + "; it must end where the body ends");
        }
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    /** Never closes the server's stream; an application closing it while it runs is a breach. */
    @Override
    public void close() {
        if (request.running()) {
            throw request.validator().appBreach("the application closed gateway.input, which belongs to the server");
        }
    }
}
