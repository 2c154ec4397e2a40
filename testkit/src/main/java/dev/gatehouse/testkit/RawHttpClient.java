package dev.gatehouse.testkit;

import dev.gatehouse.api.Header;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A raw HTTP/1.1 client for tests, over TCP or a Unix-domain socket: it sends exactly the bytes it
 * is given and parses responses strictly (CRLF line ends; Content-Length, chunked or close
 * delimited bodies), so a test sees what the server really did.
 * <ul>
 *   <li>Pipelining: {@link #send} any number of requests, then {@link #readResponses}.</li>
 *   <li>Never hangs: every wait is bounded by the client's timeout (10 s unless given) and ends
 *       in a {@link TimeoutException} that says what it waited for and what had arrived.</li>
 *   <li>Never deadlocks on big bodies: while writing it keeps reading what the server sends into a
 *       buffer, and it stops writing once the server has closed its side (as a real client would
 *       after an error response).</li>
 * </ul>
 * Not thread-safe: one test thread drives it.
 */
public final class RawHttpClient implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_HEAD_LINE = 64 * 1024;

    /** A wait ran past the client's timeout. */
    public static final class TimeoutException extends IOException {
        TimeoutException(String message) {
            super(message);
        }
    }

    /** The server closed the connection before sending any byte of an expected response. */
    public static final class NoResponseException extends IOException {
        NoResponseException(String message) {
            super(message);
        }
    }

    /** The server sent something that is not a well-formed HTTP/1.1 response. */
    public static final class MalformedResponseException extends IOException {
        MalformedResponseException(String message) {
            super(message);
        }
    }

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final Duration timeout;
    private final SocketAddress address;
    private byte[] buf = new byte[16 * 1024];
    private int start;
    private int end;
    private boolean eof;
    private boolean reset;
    private boolean writeFailed;

    private RawHttpClient(SocketChannel channel, Selector selector, SocketAddress address, Duration timeout) throws IOException {
        this.channel = channel;
        this.selector = selector;
        this.address = address;
        this.timeout = timeout;
        this.key = channel.register(selector, 0);
    }

    public static RawHttpClient connect(SocketAddress address) throws IOException {
        return connect(address, DEFAULT_TIMEOUT);
    }

    /** Connects, waiting at most {@code timeout}; a refused connection throws {@link java.net.ConnectException}. */
    public static RawHttpClient connect(SocketAddress address, Duration timeout) throws IOException {
        ProtocolFamily family = address instanceof UnixDomainSocketAddress ? StandardProtocolFamily.UNIX
                : ((InetSocketAddress) address).getAddress() instanceof java.net.Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        SocketChannel ch = SocketChannel.open(family);
        Selector selector = null;
        try {
            ch.configureBlocking(false);
            if (ch.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true); // each write leaves as its own segment
            }
            selector = Selector.open();
            if (!ch.connect(address)) {
                SelectionKey k = ch.register(selector, SelectionKey.OP_CONNECT);
                long deadline = System.nanoTime() + timeout.toNanos();
                while (!ch.finishConnect()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) throw new TimeoutException("connect to " + address + " did not complete within " + timeout);
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    selector.selectedKeys().clear();
                }
                k.cancel();
                selector.selectNow(); // flush the cancelled key before re-registering
            }
            return new RawHttpClient(ch, selector, address, timeout);
        } catch (IOException | RuntimeException e) {
            if (selector != null) selector.close();
            ch.close();
            throw e;
        }
    }

    public Duration timeout() {
        return timeout;
    }

    // ---- sending ---------------------------------------------------------------------------

    /**
     * Writes all of {@code bytes}.
     *
     * @return false if the server closed or reset the connection before every byte was written
     */
    public boolean send(byte[] bytes) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(bytes);
        long deadline = deadline();
        while (out.hasRemaining()) {
            if (eof || writeFailed) return false;
            int n;
            try {
                n = channel.write(out);
            } catch (IOException e) {
                writeFailed = true; // broken pipe or reset: the server is gone; its answer may still be buffered
                return false;
            }
            readAvailable();
            if (n == 0) await(SelectionKey.OP_WRITE | SelectionKey.OP_READ, deadline, "the server to accept more request bytes");
        }
        return true;
    }

    /** Sends {@code text} as ISO-8859-1 bytes (one char, one byte). */
    public boolean send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends each piece with its own write, pausing {@code pause} between them; stops early as {@link #send} does. */
    public boolean sendPieces(List<byte[]> pieces, Duration pause) throws IOException {
        for (int i = 0; i < pieces.size(); i++) {
            if (!send(pieces.get(i))) return false;
            if (!pause.isZero() && i < pieces.size() - 1) sleep(pause);
        }
        return true;
    }

    /** Half-closes: the server reads end-of-stream after what was sent. */
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** True once a write failed because the server had closed or reset the connection. */
    public boolean writeFailed() {
        return writeFailed;
    }

    // ---- reading responses -----------------------------------------------------------------

    /** Reads the next response (an interim 1xx one included) to a request that was not HEAD. */
    public RawResponse readResponse() throws IOException {
        return readResponse("GET");
    }

    /** Reads the next response, a 1xx one included; {@code requestMethod} tells whether a body may follow. */
    public RawResponse readResponse(String requestMethod) throws IOException {
        long deadline = deadline();
        if (!ensure(1, deadline, "a response")) {
            throw new NoResponseException("the server closed the connection without sending a response"
                    + (reset ? " (connection reset)" : ""));
        }
        String statusLine = readLine(deadline, "a status line");
        String[] parts = parseStatusLine(statusLine);
        int status = Integer.parseInt(parts[1]);
        List<Header> headers = readHeaders(deadline);
        boolean bodyless = requestMethod.equals("HEAD") || status < 200 || status == 204 || status == 304;
        if (bodyless) {
            return new RawResponse(parts[0], status, parts[2], headers, new byte[0], BodyFraming.NONE, true, eof, List.of());
        }
        String te = Header.find(headers, "Transfer-Encoding");
        String cl = Header.find(headers, "Content-Length");
        if (te != null) {
            if (!te.toLowerCase(Locale.ROOT).strip().endsWith("chunked")) {
                throw new MalformedResponseException("response Transfer-Encoding is not chunked: " + te);
            }
            if (cl != null) throw new MalformedResponseException("response has both Transfer-Encoding and Content-Length");
            return readChunked(parts, status, headers, deadline);
        }
        if (cl != null) return readFixed(parts, status, headers, parseLength(cl), deadline);
        byte[] body = readUntilEof(deadline, "the end of a close-delimited body");
        return new RawResponse(parts[0], status, parts[2], headers, body, BodyFraming.CONNECTION_CLOSE, true, true, List.of());
    }

    /** Reads responses until a final (non-1xx) one, recording the interim statuses in it. */
    public RawResponse readFinalResponse(String requestMethod) throws IOException {
        List<Integer> interim = new ArrayList<>();
        while (true) {
            RawResponse r = readResponse(requestMethod);
            if (r.status() >= 200) return r.withInterim(interim);
            interim.add(r.status());
        }
    }

    public RawResponse readFinalResponse() throws IOException {
        return readFinalResponse("GET");
    }

    /** Reads {@code n} final responses to pipelined non-HEAD requests, in order. */
    public List<RawResponse> readResponses(int n) throws IOException {
        List<RawResponse> responses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) responses.add(readFinalResponse());
        return responses;
    }

    /**
     * Reads until the server closes the connection and returns what came after the last parsed
     * response (empty when the server sent nothing more). Throws {@link TimeoutException} if the
     * connection is still open when the timeout passes.
     */
    public byte[] readToEnd() throws IOException {
        return readUntilEof(deadline(), "the server to close the connection");
    }

    /** Waits up to {@code wait} for bytes or end-of-stream; true if either arrived. Never throws on timeout. */
    public boolean awaitData(Duration wait) throws IOException {
        long until = System.nanoTime() + wait.toNanos();
        while (end == start && !eof) {
            if (readAvailable() != 0) continue;
            long left = until - System.nanoTime();
            if (left <= 0) return false;
            key.interestOps(SelectionKey.OP_READ);
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            selector.selectedKeys().clear();
        }
        return true;
    }

    /** Bytes received and not yet parsed, without waiting. */
    public byte[] pendingBytes() throws IOException {
        readAvailable();
        return java.util.Arrays.copyOfRange(buf, start, end);
    }

    /** True if end-of-stream (or a reset) was seen, checking once without waiting. */
    public boolean serverClosed() throws IOException {
        readAvailable();
        return eof;
    }

    /** True if the connection ended with a reset rather than an orderly close. */
    public boolean wasReset() {
        return reset;
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "RawHttpClient[" + address + "]";
    }

    // ---- response parsing ------------------------------------------------------------------

    private String[] parseStatusLine(String line) throws IOException {
        // HTTP-version SP 3DIGIT SP [reason-phrase]
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' '
                || !Character.isDigit(line.charAt(7)) || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new MalformedResponseException("malformed status line: " + quote(line));
        }
        String code = line.substring(9, 12);
        for (char c : code.toCharArray()) {
            if (c < '0' || c > '9') throw new MalformedResponseException("malformed status code: " + quote(line));
        }
        return new String[] {line.substring(0, 8), code, line.length() > 13 ? line.substring(13) : ""};
    }

    private List<Header> readHeaders(long deadline) throws IOException {
        List<Header> headers = new ArrayList<>();
        while (true) {
            String line = readLine(deadline, "a response header line");
            if (line.isEmpty()) return headers;
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t' || line.charAt(colon - 1) == ' ') {
                throw new MalformedResponseException("malformed response header line: " + quote(line));
            }
            headers.add(Header.of(line.substring(0, colon), stripOws(line.substring(colon + 1))));
        }
    }

    private RawResponse readFixed(String[] status, int code, List<Header> headers, long length, long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(length, 1 << 20));
        boolean complete = copyBody(body, length, deadline);
        return new RawResponse(status[0], code, status[2], headers, body.toByteArray(), BodyFraming.CONTENT_LENGTH,
                complete, eof, List.of());
    }

    private RawResponse readChunked(String[] status, int code, List<Header> headers, long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean complete = readChunks(body, deadline);
        return new RawResponse(status[0], code, status[2], headers, body.toByteArray(), BodyFraming.CHUNKED,
                complete, eof, List.of());
    }

    /** @return false if the connection closed before the last chunk and trailers */
    private boolean readChunks(ByteArrayOutputStream body, long deadline) throws IOException {
        while (true) {
            String sizeLine = readLineOrNull(deadline, "a chunk size line");
            if (sizeLine == null) return false;
            int semi = sizeLine.indexOf(';');
            String hex = semi < 0 ? sizeLine : sizeLine.substring(0, semi);
            if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
                throw new MalformedResponseException("malformed chunk size line: " + quote(sizeLine));
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                while (true) { // trailers, then the empty line
                    String trailer = readLineOrNull(deadline, "chunked trailers");
                    if (trailer == null) return false;
                    if (trailer.isEmpty()) return true;
                }
            }
            if (!copyBody(body, size, deadline)) return false;
            String crlf = readLineOrNull(deadline, "the CRLF after chunk data");
            if (crlf == null) return false;
            if (!crlf.isEmpty()) throw new MalformedResponseException("chunk data longer than its size, extra: " + quote(crlf));
        }
    }

    /** Copies {@code length} body bytes; false if the connection closed first. */
    private boolean copyBody(ByteArrayOutputStream body, long length, long deadline) throws IOException {
        long left = length;
        while (left > 0) {
            if (start == end && !fill(deadline, "body bytes (" + left + " of " + length + " still to come)")) return false;
            int n = (int) Math.min(left, end - start);
            body.write(buf, start, n);
            start += n;
            left -= n;
        }
        return true;
    }

    private byte[] readUntilEof(long deadline, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            out.write(buf, start, end - start);
            start = end;
            if (!fill(deadline, what + " (" + out.size() + " bytes received meanwhile: "
                    + EscapedBytes.abbreviate(out.toByteArray(), 300) + ")")) {
                return out.toByteArray();
            }
        }
    }

    private String readLine(long deadline, String what) throws IOException {
        String line = readLineOrNull(deadline, what);
        if (line == null) {
            throw new MalformedResponseException("the connection closed in the middle of " + what + "; unparsed: "
                    + quote(new String(buf, start, end - start, StandardCharsets.ISO_8859_1)));
        }
        return line;
    }

    /** A CRLF-terminated line without its CRLF, or null if the connection closed first. Bare LF is a server bug. */
    private String readLineOrNull(long deadline, String what) throws IOException {
        int scanned = 0; // relative to start: fill() may move the buffer's contents
        while (true) {
            for (int i = start + scanned; i < end; i++) {
                if (buf[i] == '\n') {
                    if (i == start || buf[i - 1] != '\r') {
                        throw new MalformedResponseException("bare LF ends " + what + ": "
                                + quote(new String(buf, start, i - start, StandardCharsets.ISO_8859_1)));
                    }
                    String line = new String(buf, start, i - 1 - start, StandardCharsets.ISO_8859_1);
                    start = i + 1;
                    return line;
                }
            }
            scanned = end - start;
            if (end - start > MAX_HEAD_LINE) throw new MalformedResponseException(what + " is longer than " + MAX_HEAD_LINE + " bytes");
            if (!fill(deadline, what)) return null;
        }
    }

    private static long parseLength(String value) throws IOException {
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MalformedResponseException("malformed response Content-Length: " + quote(value));
        }
        return Long.parseLong(value);
    }

    private static String stripOws(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && (s.charAt(b) == ' ' || s.charAt(b) == '\t')) b++;
        while (e > b && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) e--;
        return s.substring(b, e);
    }

    private static String quote(String s) {
        return "\"" + EscapedBytes.abbreviate(s.getBytes(StandardCharsets.ISO_8859_1), 300) + "\"";
    }

    // ---- socket plumbing -------------------------------------------------------------------

    private long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /** Makes at least {@code n} unparsed bytes available; false if the connection closed first. */
    private boolean ensure(int n, long deadline, String what) throws IOException {
        while (end - start < n) {
            if (!fill(deadline, what)) return false;
        }
        return true;
    }

    /** Reads at least one more byte, waiting until {@code deadline}; false at end-of-stream. */
    private boolean fill(long deadline, String what) throws IOException {
        while (true) {
            int n = readAvailable();
            if (n > 0) return true;
            if (n < 0) return false;
            await(SelectionKey.OP_READ, deadline, what);
        }
    }

    /** One non-blocking read into the buffer: bytes read, 0 if none are ready, -1 at end-of-stream. */
    private int readAvailable() throws IOException {
        if (eof) return -1;
        if (buf.length - end < 8192) makeRoom();
        int n;
        try {
            n = channel.read(ByteBuffer.wrap(buf, end, buf.length - end));
        } catch (IOException e) {
            reset = true; // "Connection reset": treat as the end, remember how it ended
            eof = true;
            return -1;
        }
        if (n < 0) {
            eof = true;
            return -1;
        }
        end += n;
        return n;
    }

    private void makeRoom() {
        int unread = end - start;
        byte[] target = unread + 16 * 1024 > buf.length ? new byte[Math.max(buf.length * 2, unread + 16 * 1024)] : buf;
        System.arraycopy(buf, start, target, 0, unread);
        buf = target;
        start = 0;
        end = unread;
    }

    private void await(int ops, long deadline, String what) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new TimeoutException("timed out after " + timeout.toSeconds() + " s waiting for " + what
                    + " from " + address + "; unparsed bytes: "
                    + EscapedBytes.abbreviate(java.util.Arrays.copyOfRange(buf, start, end), 300));
        }
        key.interestOps(ops);
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        selector.selectedKeys().clear();
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted between request pieces");
        }
    }
}
