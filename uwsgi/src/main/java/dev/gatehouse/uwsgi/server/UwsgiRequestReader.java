package dev.gatehouse.uwsgi.server;

import dev.gatehouse.api.Environ;
import dev.gatehouse.core.VariableSink;
import dev.gatehouse.core.stream.StreamRequest;
import dev.gatehouse.core.stream.StreamRequestReader;
import dev.gatehouse.core.stream.StreamServerConfig;
import dev.gatehouse.uwsgi.codec.UwsgiException;
import dev.gatehouse.uwsgi.codec.UwsgiModifier;
import dev.gatehouse.uwsgi.codec.UwsgiPacketHeader;
import dev.gatehouse.uwsgi.codec.UwsgiVarsDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * uwsgi's part of a stream connection: the packet header, then the vars block it announces (no
 * byte of the body), then the environ. In that order of checks: a vars block over
 * {@link StreamServerConfig#maxHeadBytes()} is refused (431) before it is read; a packet that is not
 * a WSGI request (modifier1 other than 0 or 30, or a modifier2 other than 0) is refused (501) after
 * its block was read, so the web server is not cut off mid-write; then the vars are decoded
 * strictly (see {@link UwsgiVarsDecoder}).
 */
public final class UwsgiRequestReader implements StreamRequestReader {
    private final UwsgiVarsDecoder decoder;
    private volatile LocalBuilder last;

    public UwsgiRequestReader(StreamServerConfig config) {
        this.decoder = new UwsgiVarsDecoder(Math.min(config.maxHeadBytes(), UwsgiPacketHeader.MAX_DATASIZE), UwsgiVarsDecoder.DEFAULT_MAX_VARS);
    }

    @Override
    public StreamRequest read(InputStream in, SocketAddress local, SocketAddress remote) throws IOException {
        UwsgiPacketHeader header = UwsgiPacketHeader.read(in);
        if (header == null) return null;
        decoder.checkSize(header);
        byte[] block = new byte[header.datasize()];
        int read = in.readNBytes(block, 0, block.length);
        if (read < block.length) {
            throw new UwsgiException("connection closed inside the uwsgi vars block (" + read + " of " + header.datasize() + " bytes)");
        }
        UwsgiModifier modifier = requireWsgiRequest(header);
        Environ env = new Environ();
        decoder.decode(block, 0, block.length, VariableSink.of(env));
        environBuilder(local).build(env, modifier == UwsgiModifier.WSGI_MANAGED_SCRIPT_NAME);
        return new StreamRequest(env, UwsgiEnvironBuilder.contentLength(env), UwsgiEnvironBuilder.scheme(env));
    }

    private static UwsgiModifier requireWsgiRequest(UwsgiPacketHeader header) throws UwsgiException {
        UwsgiModifier modifier = header.modifier();
        if (modifier == null || !modifier.isWsgiRequest()) {
            throw new UwsgiException(501, "uwsgi modifier1 " + UwsgiModifier.describe(header.modifier1())
                    + " is not served: Gatehouse answers WSGI requests, modifier1 0 (or 30, SCRIPT_NAME removed from PATH_INFO)");
        }
        if (header.modifier2() != 0) {
            throw new UwsgiException(501, "uwsgi modifier2 " + header.modifier2() + " with modifier1 " + header.modifier1()
                    + " is not served: a WSGI request has modifier2 0");
        }
        return modifier;
    }

    /** The builder for the listener's address; the last one is kept, since a server mostly has one listener. */
    private UwsgiEnvironBuilder environBuilder(SocketAddress local) {
        LocalBuilder last = this.last;
        if (last != null && last.local.equals(local)) return last.builder;
        UwsgiEnvironBuilder builder = local instanceof InetSocketAddress l
                ? new UwsgiEnvironBuilder(l.getAddress().getHostAddress(), Integer.toString(l.getPort()))
                : new UwsgiEnvironBuilder("localhost", "80");
        this.last = new LocalBuilder(local, builder);
        return builder;
    }

    private record LocalBuilder(SocketAddress local, UwsgiEnvironBuilder builder) {
    }
}
