package dev.gatehouse.core;

import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.FileBody;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import dev.gatehouse.api.Write;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code start_response} given to the app, and the bookkeeping of one response: what was
 * started, whether the head went out, how many body bytes were sent against the declared length.
 */
final class ResponseState implements StartResponse {
    /** Made on first use: a CGI request that logs nothing does not pay for starting the logging backend. */
    private static final class Log {
        static final Logger log = LoggerFactory.getLogger(ResponseState.class);
    }

    private final Environ environ;
    private final Exchange exchange;
    private final boolean headRequest;
    private Status status;
    private List<Header> headers;
    private long declaredLength = -1;
    private boolean bodyless;
    private boolean headSent;
    private long sent;
    private final Write write = this::write;

    ResponseState(Environ environ, Exchange exchange) {
        this.environ = environ;
        this.exchange = exchange;
        this.headRequest = "HEAD".equals(environ.requestMethod());
    }

    boolean isHeadRequest() {
        return headRequest;
    }

    boolean headSent() {
        return headSent;
    }

    @Override
    public Write start(Status newStatus, List<Header> newHeaders, Throwable excInfo) {
        if (excInfo != null) {
            if (headSent) throw GatewayHandlerSupport.<RuntimeException>sneaky(excInfo);
        } else if (status != null) {
            throw new ContractViolationException("start_response called a second time without excInfo");
        }
        HeaderRules.check(newStatus, newHeaders);
        long length = -1;
        String declared = Header.find(newHeaders, "Content-Length");
        if (declared != null) {
            length = HeaderRules.parseLength(declared);
            if (length < 0) throw new ContractViolationException("Content-Length is not a decimal number: " + declared);
            for (Header h : newHeaders) {
                if (h.is("Content-Length") && !h.value().equals(declared)) {
                    throw new ContractViolationException("two different Content-Length headers");
                }
            }
        }
        status = newStatus;
        headers = List.copyOf(newHeaders);
        declaredLength = length;
        bodyless = headRequest || newStatus.forbidsBody();
        return write;
    }

    private void write(byte[] bytes, int offset, int length) throws IOException {
        if (status == null) throw new ContractViolationException("write called before start_response");
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) return; // like an empty chunk: the head still waits for real bytes
        sendChunk(bytes, offset, length);
    }

    /** Iterates the body, sending each chunk; a file region goes to the exchange whole. */
    void sendBody(Body body) throws IOException {
        if (body instanceof FileBody file && status != null) {
            sendFile(file);
            return;
        }
        byte[] chunk;
        while ((chunk = body.next()) != null) {
            if (status == null) throw new ContractViolationException("body produced before start_response was called");
            if (chunk.length > 0) {
                if (!sendChunk(chunk, 0, chunk.length)) return;
            }
            if (bodyless && headSent) return; // nothing more will be sent: stop pulling the body
        }
        if (status == null) throw new ContractViolationException("the application never called start_response");
    }

    private void sendFile(FileBody file) throws IOException {
        long length = file.length();
        if (!bodyless && declaredLength >= 0 && sent + length > declaredLength) { // sent: bytes of earlier writes
            overrun(sent + length);
            length = declaredLength - sent;
        }
        // A whole file is a body of known length: announce it rather than fall back to chunked.
        if (!headSent && declaredLength < 0) declaredLength = length;
        if (!headSent) sendHead();
        if (bodyless || length == 0) return;
        exchange.sendFile(file.channel(), file.start(), length);
        sent += length;
    }

    /** @return false once the declared length is reached and the rest must be dropped */
    private boolean sendChunk(byte[] bytes, int offset, int length) throws IOException {
        if (!headSent) sendHead();
        if (bodyless) {
            if (!headRequest && length > 0) Log.log.warn("{} response must not have a body; {} bytes dropped", status.code(), length);
            return true;
        }
        if (declaredLength >= 0 && sent + length > declaredLength) {
            overrun(sent + length);
            int allowed = (int) (declaredLength - sent);
            if (allowed > 0) exchange.sendBody(bytes, offset, allowed);
            sent = declaredLength;
            return false;
        }
        exchange.sendBody(bytes, offset, length);
        sent += length;
        return true;
    }

    private void overrun(long total) {
        Log.log.warn("application sent more than its Content-Length {} for {} {} ({}+ bytes); the excess is dropped",
                declaredLength, environ.requestMethod(), GatewayHandler.target(environ), total);
    }

    private void sendHead() throws IOException {
        headSent = true;
        exchange.sendHead(new ResponseHead(status, headers, declaredLength, bodyless));
    }

    /** Ends the response: complete, or aborted when the body fell short of its declared length. */
    boolean finish() throws IOException {
        if (!headSent) {
            if (status == null) throw new ContractViolationException("the application never called start_response");
            if (!bodyless && declaredLength > 0) {
                Log.log.warn("application declared Content-Length {} but sent no body for {} {}; closing the connection",
                        declaredLength, environ.requestMethod(), GatewayHandler.target(environ));
                // Nothing was sent yet: a 500 is still possible and better than a truncated answer.
                throw new ContractViolationException("body shorter than the declared Content-Length (0 of " + declaredLength + ")");
            }
            if (!bodyless && declaredLength < 0) declaredLength = 0; // known now: an empty body
            sendHead();
        }
        if (!bodyless && declaredLength >= 0 && sent < declaredLength) {
            Log.log.warn("application sent {} of its declared {} bytes for {} {}; closing the connection",
                    sent, declaredLength, environ.requestMethod(), GatewayHandler.target(environ));
            exchange.abort();
            return false;
        }
        exchange.finish();
        return true;
    }
}
