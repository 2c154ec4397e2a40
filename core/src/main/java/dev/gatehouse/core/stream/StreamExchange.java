package dev.gatehouse.core.stream;

import dev.gatehouse.api.Environ;
import dev.gatehouse.core.Exchange;
import dev.gatehouse.core.ResponseHead;
import dev.gatehouse.core.net.ChannelOutput;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * One response over a stream protocol: the head as the protocol encodes it, then the body bytes as
 * they are, each chunk sent on at once (a streamed response reaches the web server as it is made);
 * the head waits for the first chunk so a small response leaves in one write. Closing the
 * connection ends the response, so there is no framing: an abort of a response without a
 * Content-Length resets the connection instead (on TCP), the one way a web server can tell such a
 * cut response from a whole one.
 */
final class StreamExchange implements Exchange {
    /** Unread request body kept in memory when a response starts; more goes to a temporary file. */
    private static final int BODY_MEMORY = 64 * 1024;
    private final ChannelOutput output;
    private final ResponseHeadEncoder encoder;
    private final Environ environ;
    private final Runnable resetConnection;
    private final Runnable closeConnection;
    private final ContentLengthInput body;
    private final long maxBufferedBody;
    private boolean headSent;
    private boolean lengthDeclared;

    StreamExchange(ChannelOutput output, ResponseHeadEncoder encoder, Environ environ, ContentLengthInput body, long maxBufferedBody,
                   Runnable resetConnection, Runnable closeConnection) {
        this.output = output;
        this.encoder = encoder;
        this.environ = environ;
        this.body = body;
        this.maxBufferedBody = maxBufferedBody;
        this.resetConnection = resetConnection;
        this.closeConnection = closeConnection;
    }

    boolean headSent() {
        return headSent;
    }

    @Override
    public void sendHead(ResponseHead head) throws IOException {
        body.bufferRest(BODY_MEMORY, maxBufferedBody);
        byte[] bytes = encoder.encode(head, environ);
        headSent = true;
        lengthDeclared = head.contentLength() >= 0;
        output.write(bytes, 0, bytes.length);
    }

    @Override
    public void sendBody(byte[] bytes, int offset, int length) throws IOException {
        output.write(bytes, offset, length);
        output.flush();
    }

    @Override
    public void sendFile(FileChannel file, long position, long length) throws IOException {
        output.transferFrom(file, position, length);
    }

    @Override
    public void finish() throws IOException {
        output.flush();
    }

    @Override
    public void abort() {
        // With a Content-Length the web server sees the shortfall at a plain close, and keeps what
        // came; a reset could make it drop even that. Without one, only a reset marks the cut.
        // Before any head there is nothing to mark (the peer went away, or will see no response).
        if (headSent && !lengthDeclared) resetConnection.run();
        else closeConnection.run();
    }
}
