package dev.gatehouse.core.proxy;

import dev.gatehouse.core.ClientGoneException;
import dev.gatehouse.core.Exchange;
import dev.gatehouse.core.ResponseHead;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The client's side of a request run through {@link dev.gatehouse.core.GatewayHandler}: records
 * the head, each body chunk as it is sent, and whether the response finished or was aborted; can
 * play a client that goes away at its first body chunk.
 */
final class ResponseRecorder implements Exchange {
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final List<String> chunks = new CopyOnWriteArrayList<>();
    private volatile ResponseHead head;
    private volatile boolean finished;
    private volatile boolean aborted;
    private Runnable onBody = () -> { };
    private boolean goneOnBody;

    /** Runs {@code action} after each body chunk was recorded. */
    ResponseRecorder onBody(Runnable action) {
        this.onBody = action;
        return this;
    }

    /** The client goes away at the first body chunk. */
    ResponseRecorder goneOnBody() {
        this.goneOnBody = true;
        return this;
    }

    int status() {
        return head == null ? -1 : head.status().code();
    }

    ResponseHead head() {
        return head;
    }

    String header(String name) {
        return head == null ? null : dev.gatehouse.api.Header.find(head.headers(), name);
    }

    String bodyText() {
        synchronized (body) {
            return body.toString(StandardCharsets.ISO_8859_1);
        }
    }

    boolean finished() {
        return finished;
    }

    boolean aborted() {
        return aborted;
    }

    @Override
    public void sendHead(ResponseHead newHead) {
        head = newHead;
    }

    @Override
    public void sendBody(byte[] bytes, int offset, int length) throws ClientGoneException {
        if (goneOnBody) throw new ClientGoneException("connection reset by peer");
        synchronized (body) {
            body.write(bytes, offset, length);
        }
        chunks.add(new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
        onBody.run();
    }

    @Override
    public void finish() {
        finished = true;
    }

    @Override
    public void abort() {
        aborted = true;
    }
}
