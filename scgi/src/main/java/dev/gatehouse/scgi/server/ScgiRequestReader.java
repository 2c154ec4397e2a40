package dev.gatehouse.scgi.server;

import dev.gatehouse.api.Environ;
import dev.gatehouse.core.VariableSink;
import dev.gatehouse.core.stream.StreamRequest;
import dev.gatehouse.core.stream.StreamRequestReader;
import dev.gatehouse.scgi.codec.ScgiRequestDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * SCGI's part of a stream-server connection: decodes the header netstring (not a byte of the
 * body) and builds the environ; any breach of the protocol is an
 * {@link dev.gatehouse.scgi.codec.ScgiException} the connection answers.
 */
final class ScgiRequestReader implements StreamRequestReader {
    private final ScgiRequestDecoder decoder;
    private volatile LocalBuilder last;

    ScgiRequestReader(ScgiConfig config) {
        this.decoder = new ScgiRequestDecoder(config.stream().maxHeadBytes(), config.mergeRepeatedHeaders());
    }

    @Override
    public StreamRequest read(InputStream in, SocketAddress local, SocketAddress remote) throws IOException {
        Environ env = new Environ();
        long contentLength = decoder.decode(in, VariableSink.of(env));
        if (contentLength < 0) return null;
        return environBuilder(local).build(env, contentLength);
    }

    /** The builder for the listener's address; the last one is kept, since a server mostly has one listener. */
    private ScgiEnvironBuilder environBuilder(SocketAddress local) {
        LocalBuilder last = this.last;
        if (last != null && last.local.equals(local)) return last.builder;
        ScgiEnvironBuilder builder = local instanceof InetSocketAddress l
                ? new ScgiEnvironBuilder(l.getAddress().getHostAddress(), Integer.toString(l.getPort()))
                : new ScgiEnvironBuilder("localhost", "80");
        this.last = new LocalBuilder(local, builder);
        return builder;
    }

    private record LocalBuilder(SocketAddress local, ScgiEnvironBuilder builder) {
    }
}
