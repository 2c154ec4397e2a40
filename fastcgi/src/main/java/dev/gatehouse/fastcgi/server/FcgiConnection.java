package dev.gatehouse.fastcgi.server;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import dev.gatehouse.core.ClientGoneException;
import dev.gatehouse.core.GatewayHandler;
import dev.gatehouse.core.ResponseHead;
import dev.gatehouse.core.net.ChannelInput;
import dev.gatehouse.core.net.Deadline;
import dev.gatehouse.core.net.SocketServer;
import dev.gatehouse.core.net.Watchdog;
import dev.gatehouse.fastcgi.codec.FcgiException;
import dev.gatehouse.fastcgi.codec.FcgiParamsDecoder;
import dev.gatehouse.fastcgi.codec.FcgiProtocolStatus;
import dev.gatehouse.fastcgi.codec.FcgiRecord;
import dev.gatehouse.fastcgi.codec.FcgiRecordDecoder;
import dev.gatehouse.fastcgi.codec.FcgiRecordEncoder;
import dev.gatehouse.fastcgi.codec.FcgiRecordType;
import dev.gatehouse.fastcgi.codec.FcgiRole;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One web server connection. Its virtual thread reads records and never waits for an app: each
 * request's app runs on its own virtual thread once its PARAMS are complete, reading a body the
 * reader fills ({@link FcgiStdin}) and writing whole records through the shared {@link FcgiOutput}.
 * Malformed input closes the connection with one log line naming the problem.
 */
final class FcgiConnection implements SocketServer.Connection {
    private static final Logger log = LoggerFactory.getLogger(FcgiConnection.class);
    private static final int KEEP_CONN = 1;

    private final SocketChannel channel;
    private final Application app;
    private final FcgiConfig config;
    private final FcgiServer server;
    private final Watchdog watchdog;
    private final Deadline readDeadline;
    private final Deadline writeDeadline;
    private final FcgiOutput output;
    private final FcgiRecordDecoder decoder;
    private final FcgiEnvironBuilder environs;
    private final String remote;
    private final Map<Integer, FcgiRequest> requests = new ConcurrentHashMap<>();
    /** Ids whose request ended (or was refused) while the web server may still send its PARAMS or STDIN. */
    private final Set<Integer> discarding = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    private volatile boolean outputShut;

    FcgiConnection(SocketChannel channel, Application app, FcgiConfig config, FcgiServer server, Watchdog watchdog,
                   FcgiEnvironBuilder environs, String remote) {
        this.channel = channel;
        this.app = app;
        this.config = config;
        this.server = server;
        this.watchdog = watchdog;
        this.readDeadline = watchdog.register(what -> shutdownInput());
        this.writeDeadline = watchdog.register(what -> forceClose());
        this.output = new FcgiOutput(channel, writeDeadline, config.writeTimeout());
        this.decoder = new FcgiRecordDecoder(new ChannelInput(channel, 16 * 1024));
        this.environs = environs;
        this.remote = remote;
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (FcgiException bad) {
            if (readDeadline.fired()) log.debug("FastCGI connection from {} idle for {}: closed", remote, config.idleTimeout());
            else if (!closing) log.warn("closing FastCGI connection from {}: {}", remote, bad.getMessage());
        } catch (ClientGoneException gone) {
            log.debug("FastCGI connection from {} ended: {}", remote, gone.getMessage());
        } catch (IOException | RuntimeException e) {
            if (closing) log.debug("FastCGI connection from {} closed: {}", remote, e.toString());
            else log.warn("FastCGI connection from {} failed: {}", remote, e.toString(), e);
        } finally {
            close();
        }
    }

    /** Reads records until the web server closes the connection (or we do). */
    private void serve() throws IOException {
        while (!closing) {
            if (awaitingInput()) readDeadline.arm(config.idleTimeout(), "next record");
            FcgiRecord record = decoder.next();
            readDeadline.disarm();
            if (record == null) {
                if (readDeadline.fired()) log.debug("FastCGI connection from {} idle for {}: closed", remote, config.idleTimeout());
                return;
            }
            handle(record);
        }
    }

    private void handle(FcgiRecord record) throws IOException {
        FcgiRecordType type = record.knownType();
        if (type == null) {
            answerUnknownType(record.type());
            return;
        }
        switch (type) {
            case GET_VALUES -> answerValues(record);
            case BEGIN_REQUEST -> begin(record);
            case PARAMS -> params(record);
            case STDIN -> stdin(record);
            case ABORT_REQUEST -> abort(record);
            case DATA -> data(record);
            default -> throw new FcgiException(type + " record from the web server (only an application sends it)");
        }
    }

    // ---- requests ----------------------------------------------------------------------------

    private void begin(FcgiRecord record) throws IOException {
        int id = record.requestId();
        if (id == 0) throw new FcgiException("BEGIN_REQUEST on request id 0");
        if (requests.containsKey(id)) throw new FcgiException("BEGIN_REQUEST for request id " + id + ", which is in progress");
        if (outputShut) throw new FcgiException("BEGIN_REQUEST after a request without FCGI_KEEP_CONN ended");
        discarding.remove(id);
        FcgiRole role = FcgiRole.from(record.beginRole());
        boolean keep = (record.beginFlags() & KEEP_CONN) != 0;
        if (role == null || role == FcgiRole.FILTER) {
            refuse(id, FcgiProtocolStatus.UNKNOWN_ROLE, keep);
        } else if (server.draining() || requests.size() >= config.maxRequestsPerConnection()) {
            refuse(id, FcgiProtocolStatus.OVERLOADED, keep);
        } else if (!server.reserveRequest()) {
            log.warn("refused a FastCGI request: {} requests in flight (maxRequests)", config.maxRequests());
            refuse(id, FcgiProtocolStatus.OVERLOADED, keep);
        } else {
            requests.put(id, new FcgiRequest(id, role, keep, config));
        }
    }

    private void params(FcgiRecord record) throws IOException {
        FcgiRequest request = requestFor(record);
        if (request == null) return;
        if (request.paramsEnded()) throw new FcgiException("PARAMS after the end of the params of request " + request.id());
        if (!record.endsStream()) {
            request.params().feed(record.content());
            return;
        }
        start(request, request.params().finish());
    }

    private void stdin(FcgiRecord record) throws IOException {
        FcgiRequest request = requestFor(record);
        if (request == null || request.role() == FcgiRole.AUTHORIZER) return; // an Authorizer has no body to feed
        if (!request.paramsEnded()) throw new FcgiException("STDIN before the end of the params of request " + request.id());
        if (request.stdinEnded()) throw new FcgiException("STDIN after the end of the body of request " + request.id());
        if (record.endsStream()) request.endStdin();
        else request.stdin().append(record.content());
    }

    private void data(FcgiRecord record) throws IOException {
        FcgiRequest request = requestFor(record);
        if (request != null) throw new FcgiException("DATA record for request " + request.id() + " (only the Filter role reads DATA)");
    }

    private void abort(FcgiRecord record) throws IOException {
        FcgiRequest request = requests.get(record.requestId());
        if (request == null) {
            // it may have ended while the ABORT_REQUEST was on its way
            log.debug("FCGI_ABORT_REQUEST for request {} that is not in progress: ignored", record.requestId());
            return;
        }
        RecordBuffer end = new RecordBuffer(16);
        FcgiRecordEncoder.endRequest(end, request.id(), 0, FcgiProtocolStatus.REQUEST_COMPLETE);
        if (!output.endIfOpen(request, end)) return; // it had just ended on its own
        request.stopApp("request aborted by the web server (FCGI_ABORT_REQUEST)");
        if (!request.started()) ended(request);
    }

    /** The record's request; null when its records are being discarded; a protocol error for an id not in use. */
    private FcgiRequest requestFor(FcgiRecord record) throws FcgiException {
        int id = record.requestId();
        FcgiRequest request = requests.get(id);
        if (request != null) return request;
        if (discarding.contains(id)) return null;
        throw new FcgiException(record.knownType() + " record for request id " + id + ", which was never begun");
    }

    /** PARAMS complete: build the environ and start the app on its own virtual thread. */
    private void start(FcgiRequest request, Map<String, String> params) throws IOException {
        FcgiErrorStream errorStream = new FcgiErrorStream(request, output, config.maxStderrBytes());
        PrintStream errors = new PrintStream(errorStream, true, StandardCharsets.UTF_8);
        FcgiExchange exchange = new FcgiExchange(request, output, errorStream, () -> abortConnection(request));
        Runnable work;
        try {
            Environ environ = environs.build(params, request.role(), request.stdin(), errors);
            work = () -> runApp(request, environ, exchange);
        } catch (FcgiException bad) {
            work = () -> answerBadParams(request, exchange, bad); // on its own thread too: it waits for the body like any answer
        }
        Thread thread = Thread.ofVirtual().name("gatehouse-fcgi-" + request.id()).unstarted(work);
        request.paramsEnded(thread);
        thread.start();
    }

    private void runApp(FcgiRequest request, Environ environ, FcgiExchange exchange) {
        try {
            GatewayHandler.run(app, environ, exchange);
        } finally {
            ended(request);
        }
    }

    /** Params the environ cannot be built from: that request is answered 400, the connection lives on. */
    private void answerBadParams(FcgiRequest request, FcgiExchange exchange, FcgiException bad) {
        log.info("bad FastCGI request {} from {}: {}", request.id(), remote, bad.getMessage());
        byte[] text = ("400 Bad Request: " + bad.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendHead(new ResponseHead(Status.of(400), List.of(Header.of("Content-Type", "text/plain; charset=utf-8")),
                    text.length, false));
            exchange.sendBody(text, 0, text.length);
            exchange.finish();
        } catch (IOException e) {
            log.debug("could not answer bad FastCGI request {}: {}", request.id(), e.getMessage());
            exchange.abort();
        } finally {
            ended(request);
        }
    }

    /** A request is over (answered, aborted or cut): free its slot; without KEEP_CONN, the connection ends too. */
    private void ended(FcgiRequest request) {
        closeQuietly(request.stdin());
        if (request.awaitingInput()) discarding.add(request.id());
        if (requests.remove(request.id(), request)) server.releaseRequest();
        if (!request.keepConnection() && request.ended()) shutdownOutput();
        if (requests.isEmpty()) readDeadline.arm(config.idleTimeout(), "next record"); // the reader may be waiting unarmed
    }

    /** Answers BEGIN_REQUEST with END_REQUEST and the reason; its PARAMS and STDIN are then discarded. */
    private void refuse(int id, FcgiProtocolStatus status, boolean keep) throws IOException {
        log.debug("FastCGI request {} from {} refused: {}", id, remote, status);
        RecordBuffer end = new RecordBuffer(16);
        FcgiRecordEncoder.endRequest(end, id, 0, status);
        output.send(end);
        discarding.add(id);
        if (!keep && requests.isEmpty()) shutdownOutput();
    }

    // ---- management records --------------------------------------------------------------------

    /** FCGI_GET_VALUES: the variables asked for that we know, with our true limits; the others are left out. */
    private void answerValues(FcgiRecord record) throws IOException {
        if (record.requestId() != 0) throw new FcgiException("GET_VALUES on request id " + record.requestId() + " instead of 0");
        FcgiParamsDecoder names = new FcgiParamsDecoder(FcgiRecord.MAX_CONTENT, 100);
        names.feed(record.content());
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names.finish().keySet()) {
            switch (name) {
                case "FCGI_MAX_CONNS" -> values.put(name, Integer.toString(config.maxConnections()));
                case "FCGI_MAX_REQS" -> values.put(name, Integer.toString(config.maxRequests()));
                case "FCGI_MPXS_CONNS" -> values.put(name, config.maxRequestsPerConnection() > 1 ? "1" : "0");
                default -> { }
            }
        }
        RecordBuffer answer = new RecordBuffer(64);
        FcgiRecordEncoder.values(answer, FcgiRecordType.GET_VALUES_RESULT, values);
        output.send(answer);
    }

    private void answerUnknownType(int type) throws IOException {
        log.debug("FastCGI record of unknown type {} from {}: answered UNKNOWN_TYPE", type, remote);
        RecordBuffer answer = new RecordBuffer(16);
        FcgiRecordEncoder.unknownType(answer, type);
        output.send(answer);
    }

    // ---- ending the connection -------------------------------------------------------------------

    /** Whether a read may wait only as long as the idle timeout: nothing in flight, or a request still owed input. */
    private boolean awaitingInput() {
        if (requests.isEmpty()) return true;
        for (FcgiRequest r : requests.values()) {
            if (r.awaitingInput()) return true;
        }
        return false;
    }

    /**
     * A response was cut short after its head went out: closing is the only way the web server sees
     * it incomplete. Without FCGI_KEEP_CONN nginx takes end-of-stream as the end of the response, so
     * first an ABORT_REQUEST record goes back for that request: a type no web server accepts from an
     * application, which nginx and Apache treat as a failed response (the client connection is cut).
     */
    private void abortConnection(FcgiRequest request) {
        log.debug("FastCGI connection from {} closed: the response to request {} could not be completed", remote, request.id());
        closing = true;
        if (!request.keepConnection()) {
            try {
                RecordBuffer poison = new RecordBuffer(16);
                FcgiRecordEncoder.abortRequest(poison, request.id());
                output.send(request, poison, true);
            } catch (IOException e) {
                log.debug("could not mark the response as failed: {}", e.getMessage());
            }
        }
        forceClose();
    }

    /** After a request without FCGI_KEEP_CONN: send FIN, then read what is still in flight until the web server closes. */
    private void shutdownOutput() {
        outputShut = true;
        try {
            output.shutdown();
        } catch (IOException e) {
            log.debug("half-closing FastCGI connection: {}", e.getMessage());
        }
    }

    /** Called by the server on shutdown: a connection with nothing in flight is woken and ends. */
    @Override
    public void closeIfIdle() {
        if (requests.isEmpty()) shutdownInput();
    }

    private void shutdownInput() {
        try {
            channel.shutdownInput();
        } catch (IOException e) {
            log.debug("shutting down FastCGI connection input: {}", e.getMessage());
        }
    }

    @Override
    public void forceClose() {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing FastCGI connection: {}", e.getMessage());
        }
    }

    private void close() {
        closing = true;
        watchdog.unregister(readDeadline);
        watchdog.unregister(writeDeadline);
        forceClose();
        for (FcgiRequest request : requests.values()) {
            request.stopApp("the FastCGI connection closed");
            if (!request.started()) ended(request);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.debug("closing a request body: {}", e.toString());
        }
    }
}
