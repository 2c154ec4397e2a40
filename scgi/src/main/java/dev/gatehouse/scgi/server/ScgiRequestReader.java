package dev.gatehouse.scgi.server;

import dev.gatehouse.core.stream.StreamRequest;
import dev.gatehouse.core.stream.StreamRequestReader;
import dev.gatehouse.scgi.codec.ScgiRequestDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.SequencedMap;

/**
 * SCGI's part of a stream-server connection: decodes the header netstring (not a byte of the
 * body) and builds the environ; any breach of the protocol is an
 * {@link dev.gatehouse.scgi.codec.ScgiException} the connection answers.
 */
final class ScgiRequestReader implements StreamRequestReader {
    private final ScgiRequestDecoder decoder;

    ScgiRequestReader(ScgiConfig config) {
        this.decoder = new ScgiRequestDecoder(config.stream().maxHeadBytes(), config.mergeRepeatedHeaders());
    }

    @Override
    public StreamRequest read(InputStream in, SocketAddress local, SocketAddress remote) throws IOException {
        SequencedMap<String, String> variables = decoder.decode(in);
        if (variables == null) return null;
        return environBuilder(local).build(variables);
    }

    private static ScgiEnvironBuilder environBuilder(SocketAddress local) {
        if (local instanceof InetSocketAddress l) return new ScgiEnvironBuilder(l.getAddress().getHostAddress(), Integer.toString(l.getPort()));
        return new ScgiEnvironBuilder("localhost", "80");
    }
}
