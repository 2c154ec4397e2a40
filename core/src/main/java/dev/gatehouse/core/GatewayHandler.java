package dev.gatehouse.core;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one server side of the gateway interface, shared by every adapter (what wsgiref's
 * {@code BaseHandler} is to WSGI). It runs an application against an {@link Exchange}:
 * <ul>
 *   <li>a client that vanished ends the request quietly (logged at debug);</li>
 *   <li>an error before the head was sent is logged with its stack trace and answered 500;</li>
 *   <li>an error after the head was sent aborts the connection;</li>
 *   <li>the body is closed on every path;</li>
 *   <li>a body shorter than its declared Content-Length aborts the connection, so the client
 *       sees a truncated response and never a reused connection out of step.</li>
 * </ul>
 * The head rules ({@code start} once, header syntax, hop-by-hop, Content-Length) live in
 * {@link ResponseState}.
 */
public final class GatewayHandler {
    /** Made on first use: a CGI request that logs nothing does not pay for starting the logging backend. */
    private static final class Log {
        static final Logger log = LoggerFactory.getLogger(GatewayHandler.class);
    }
    private static final byte[] ERROR_BODY = "Internal Server Error\n".getBytes(StandardCharsets.US_ASCII);

    private GatewayHandler() {
    }

    /**
     * Runs {@code app} for one request.
     *
     * @return true if the response was completed (the connection may be reused)
     */
    public static boolean run(Application app, Environ environ, Exchange exchange) {
        ResponseState response = new ResponseState(environ, exchange);
        Body body = null;
        try {
            body = app.call(environ, response);
            if (body == null) throw new ContractViolationException("the application returned a null body");
            response.sendBody(body);
            Body done = body;
            body = null;
            closeQuietly(done, environ);
            return response.finish();
        } catch (Throwable error) {
            ClientGoneException gone = clientGone(error);
            if (gone != null) {
                Log.log.debug("client went away during {} {}: {}", environ.requestMethod(), target(environ), gone.getMessage());
                exchange.abort();
                return false;
            }
            return handleError(error, response, environ, exchange);
        } finally {
            if (body != null) closeQuietly(body, environ);
        }
    }

    private static boolean handleError(Throwable error, ResponseState response, Environ environ, Exchange exchange) {
        if (error instanceof InterruptedException) Thread.currentThread().interrupt();
        if (response.headSent()) {
            Log.log.error("error after the response head was sent for {} {}; aborting the connection",
                    environ.requestMethod(), target(environ), error);
            exchange.abort();
            return false;
        }
        ProtocolException protocol = ProtocolException.find(error);
        Status status = Status.INTERNAL_SERVER_ERROR;
        byte[] text = ERROR_BODY;
        if (protocol != null) {
            Log.log.info("bad request body for {} {}: {}", environ.requestMethod(), target(environ), protocol.getMessage());
            status = Status.of(protocol.status());
            text = (status + ": " + protocol.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        } else {
            Log.log.error("error in the application for {} {}", environ.requestMethod(), target(environ), error);
        }
        try {
            exchange.sendHead(new ResponseHead(status, List.of(Header.of("Content-Type", "text/plain; charset=utf-8")),
                    text.length, response.isHeadRequest()));
            if (!response.isHeadRequest()) exchange.sendBody(text, 0, text.length);
            exchange.finish();
            return true;
        } catch (IOException | RuntimeException second) {
            Log.log.debug("could not send the error response: {}", second.toString());
            exchange.abort();
            return false;
        }
    }

    private static ClientGoneException clientGone(Throwable t) {
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof ClientGoneException gone) return gone;
        }
        return null;
    }

    private static void closeQuietly(Body body, Environ environ) {
        try {
            body.close();
        } catch (Exception e) {
            Log.log.error("error closing the response body of {} {}", environ.requestMethod(), target(environ), e);
        }
    }

    static String target(Environ environ) {
        String uri = environ.getString("REQUEST_URI");
        return uri != null ? uri : environ.scriptName() + environ.pathInfo();
    }

}
