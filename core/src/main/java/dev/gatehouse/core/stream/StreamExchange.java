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
 * connection ends the response, so there is no framing and an abort is just a close.
 */
final class StreamExchange implements Exchange {
    private final ChannelOutput output;
    private final ResponseHeadEncoder encoder;
    private final Environ environ;
    private final Runnable closeConnection;
    private boolean headSent;

    StreamExchange(ChannelOutput output, ResponseHeadEncoder encoder, Environ environ, Runnable closeConnection) {
        this.output = output;
        this.encoder = encoder;
        this.environ = environ;
        this.closeConnection = closeConnection;
    }

    boolean headSent() {
        return headSent;
    }

    @Override
    public void sendHead(ResponseHead head) throws IOException {
        byte[] bytes = encoder.encode(head, environ);
        headSent = true;
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
        closeConnection.run();
    }
}
