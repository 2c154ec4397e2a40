package dev.gatehouse.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Exchange} that records what the handler does with it ({@code "head 200"},
 * {@code "body text"}, {@code "file 3+4"}, {@code "finish"}, {@code "abort"}), notes every breach
 * of the Exchange contract by the handler in {@link #misuse()}, and can play a client that went
 * away or a transport that fails.
 */
final class RecordingExchange implements Exchange {
    private final List<String> events = new ArrayList<>();
    private final List<String> misuse = new ArrayList<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private ResponseHead head;
    private boolean finished;
    private boolean aborted;
    private IOException headFailure;
    private IOException bodyFailure;
    private IOException finishFailure;

    /** Every later sendBody or sendFile throws ClientGoneException. */
    RecordingExchange clientGoneOnBody() {
        bodyFailure = new ClientGoneException("connection reset by peer");
        return this;
    }

    RecordingExchange clientGoneOnFinish() {
        finishFailure = new ClientGoneException("connection reset by peer");
        return this;
    }

    /** Every sendHead throws {@code failure}. */
    RecordingExchange failOnHead(IOException failure) {
        headFailure = failure;
        return this;
    }

    List<String> events() {
        return events;
    }

    List<String> misuse() {
        return misuse;
    }

    ResponseHead head() {
        return head;
    }

    String bodyText() {
        return body.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void sendHead(ResponseHead newHead) throws IOException {
        checkOpen("sendHead");
        if (head != null) misuse.add("sendHead called twice");
        if (headFailure != null) throw headFailure;
        head = newHead;
        events.add("head " + newHead.status().code());
    }

    @Override
    public void sendBody(byte[] bytes, int offset, int length) throws IOException {
        checkBodyAllowed("sendBody", length);
        if (bodyFailure != null) throw bodyFailure;
        body.write(bytes, offset, length);
        events.add("body " + new String(bytes, offset, length, StandardCharsets.ISO_8859_1));
        checkLength();
    }

    @Override
    public void sendFile(FileChannel file, long position, long length) throws IOException {
        checkBodyAllowed("sendFile", length);
        if (bodyFailure != null) throw bodyFailure;
        events.add("file " + position + "+" + length);
        ByteBuffer region = ByteBuffer.allocate((int) length);
        while (region.hasRemaining()) {
            int n = file.read(region, position + region.position());
            if (n < 0) throw new IOException("file ended before the declared region");
        }
        body.write(region.array(), 0, region.position());
        checkLength();
    }

    @Override
    public void finish() throws IOException {
        checkOpen("finish");
        if (head == null) misuse.add("finish before sendHead");
        if (head != null && !head.bodyless() && head.contentLength() > body.size()) {
            misuse.add("finish after " + body.size() + " of " + head.contentLength() + " declared bytes");
        }
        if (finishFailure != null) throw finishFailure;
        finished = true;
        events.add("finish");
    }

    @Override
    public void abort() {
        if (aborted || finished) misuse.add("abort after the response ended");
        aborted = true;
        events.add("abort");
    }

    private void checkOpen(String call) {
        if (finished || aborted) misuse.add(call + " after the response ended");
    }

    private void checkBodyAllowed(String call, long length) {
        checkOpen(call);
        if (head == null) misuse.add(call + " before sendHead");
        else if (head.bodyless()) misuse.add(call + " for a bodyless head");
        if (length <= 0) misuse.add(call + " with " + length + " bytes");
    }

    private void checkLength() {
        if (head.contentLength() >= 0 && body.size() > head.contentLength()) {
            misuse.add("sent " + body.size() + " bytes, more than the declared " + head.contentLength());
        }
    }
}
