package dev.gatehouse.core.stream;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.core.ClientGoneException;
import dev.gatehouse.core.GatewayEnviron;
import dev.gatehouse.core.GatewayHandler;
import dev.gatehouse.core.ProtocolException;
import dev.gatehouse.core.ResponseHead;
import dev.gatehouse.core.net.ChannelInput;
import dev.gatehouse.core.net.ChannelOutput;
import dev.gatehouse.core.net.Deadline;
import dev.gatehouse.core.net.SocketServer;
import dev.gatehouse.core.net.Watchdog;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One web server connection of a stream protocol, which carries one request: read the head, run
 * the app with the body as its input, send the response, drain what the app left of the body,
 * close. A bad head is answered with its status (when a response can still be written) and one
 * log line naming the problem.
 */
final class StreamConnection implements SocketServer.Connection {
    private static final Logger log = LoggerFactory.getLogger(StreamConnection.class);
    /**
     * Buffers are allocated (and zeroed) per request, so they are kept small: 2 KiB holds a request
     * head from nginx (a larger head or body read goes straight into the reader's array); 1 KiB holds
     * a response head, which the first body chunk joins in one gathering write whatever its size.
     */
    private static final int INPUT_BUFFER = 2 * 1024;
    private static final int OUTPUT_BUFFER = 1024;

    private final SocketChannel channel;
    private final String protocol;
    private final Application app;
    private final StreamServerConfig config;
    private final StreamRequestReader reader;
    private final ResponseHeadEncoder encoder;
    private final PrintStream errors;
    private final Watchdog watchdog;
    private final Deadline readDeadline;
    private final Deadline writeDeadline;
    private final ChannelInput input;
    private final ChannelOutput output;
    private final SocketAddress local;
    private final SocketAddress remote;
    private volatile boolean busy;
    private ContentLengthInput body;

    StreamConnection(SocketChannel channel, String protocol, Application app, StreamServerConfig config, StreamRequestReader reader,
                     ResponseHeadEncoder encoder, PrintStream errors, Watchdog watchdog) throws IOException {
        this.channel = channel;
        this.protocol = protocol;
        this.app = app;
        this.config = config;
        this.reader = reader;
        this.encoder = encoder;
        this.errors = errors;
        this.watchdog = watchdog;
        this.readDeadline = watchdog.register(what -> shutdownInput());
        this.writeDeadline = watchdog.register(what -> forceClose());
        this.input = new ChannelInput(channel, INPUT_BUFFER);
        this.output = new ChannelOutput(channel, writeDeadline, config.writeTimeout(), OUTPUT_BUFFER);
        this.local = channel.getLocalAddress();
        this.remote = channel.getRemoteAddress();
    }

    @Override
    public void run() {
        StreamExchange exchange = null;
        try {
            StreamRequest request = readRequest();
            if (request == null) return;
            busy = true;
            if (request.contentLength() > config.maxBodyBytes()) {
                throw new ProtocolException(413, "request body of " + request.contentLength() + " bytes is over the limit of " + config.maxBodyBytes());
            }
            Environ env = request.environ();
            body = new ContentLengthInput(input, request.contentLength(), readDeadline, config.bodyIdleTimeout());
            GatewayEnviron.put(env, request.urlScheme(), body, errors);
            exchange = new StreamExchange(output, encoder, env, body, config.maxLingerBytes(), this::reset, this::forceClose);
            if (GatewayHandler.run(app, env, exchange)) lingeringClose();
        } catch (ProtocolException bad) {
            if (readDeadline.fired()) log.info("{} connection from {}: {}", protocol, describe(remote), bad.getMessage());
            else log.warn("{}: bad request from {}: {}", protocol, describe(remote), bad.getMessage());
            if (exchange == null || !exchange.headSent()) answer(bad.status(), bad.getMessage());
        } catch (ClientGoneException gone) {
            log.debug("{} connection from {} ended: {}", protocol, describe(remote), gone.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn("{} connection from {} failed: {}", protocol, describe(remote), e.toString(), e);
        } finally {
            closeBody();
            watchdog.unregister(readDeadline);
            watchdog.unregister(writeDeadline);
            forceClose();
        }
    }

    private StreamRequest readRequest() throws IOException {
        readDeadline.arm(config.headTimeout(), "request head");
        try {
            return reader.read(input, local, remote);
        } catch (ProtocolException e) {
            if (readDeadline.fired()) throw new ProtocolException(408, "no complete request head within " + config.headTimeout());
            throw e;
        } finally {
            readDeadline.disarm();
        }
    }

    /** Answers a request that never reached the app; the message names the problem for whoever reads the body. */
    private void answer(int status, String message) {
        if (status <= 0) return;
        byte[] text = (status + " " + Status.reasonFor(status) + ": " + message + "\n").getBytes(StandardCharsets.UTF_8);
        ResponseHead head = new ResponseHead(Status.of(status), List.of(Header.of("Content-Type", "text/plain; charset=utf-8"),
                Header.of("Content-Length", Integer.toString(text.length))), text.length, false);
        try {
            byte[] bytes = encoder.encode(head, new Environ());
            output.write(bytes, 0, bytes.length);
            output.write(text, 0, text.length);
            output.flush();
            channel.shutdownOutput();
        } catch (IOException e) {
            log.debug("{}: could not answer {} to {}: {}", protocol, status, describe(remote), e.getMessage());
        }
    }

    /**
     * The response is out; now the body the app did not read is drained (bounded) before the close,
     * since closing a socket with unread input resets it and the web server may lose the response.
     */
    private void lingeringClose() throws IOException {
        if (body.remaining() == 0) return;
        channel.shutdownOutput();
        body.drain(config.maxLingerBytes(), config.lingerTimeout());
    }

    private void closeBody() {
        if (body == null) return;
        try {
            body.close();
        } catch (IOException e) {
            log.debug("{}: releasing a buffered request body: {}", protocol, e.toString());
        }
    }

    /** Closes with a reset (TCP), so the web server sees the response cut rather than complete. */
    private void reset() {
        try {
            if (!(local instanceof UnixDomainSocketAddress)) channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException e) {
            log.debug("{}: cannot set SO_LINGER for a reset: {}", protocol, e.toString());
        }
        forceClose();
    }

    private void shutdownInput() {
        try {
            channel.shutdownInput();
        } catch (IOException e) {
            forceClose();
        }
    }

    @Override
    public void closeIfIdle() {
        if (!busy) forceClose();
    }

    @Override
    public void forceClose() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    private static String describe(SocketAddress address) {
        return address instanceof InetSocketAddress ? address.toString() : "a Unix socket";
    }
}
