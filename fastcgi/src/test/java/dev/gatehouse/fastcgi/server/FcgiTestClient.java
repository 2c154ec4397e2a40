package dev.gatehouse.fastcgi.server;

import dev.gatehouse.fastcgi.codec.FcgiParams;
import dev.gatehouse.fastcgi.codec.FcgiRecord;
import dev.gatehouse.fastcgi.codec.FcgiRecordDecoder;
import dev.gatehouse.fastcgi.codec.FcgiRecordEncoder;
import dev.gatehouse.fastcgi.codec.FcgiRecordType;
import dev.gatehouse.fastcgi.codec.FcgiRole;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Map;

/**
 * A raw FastCGI client for tests, built from the codec: sends whatever records a test wants (well
 * formed or not) and reads the answers, with a read timeout so a test never hangs.
 */
final class FcgiTestClient implements AutoCloseable {
    /** What came back for one request. */
    record Answer(int requestId, byte[] stdout, byte[] stderr, int appStatus, int protocolStatus, boolean ended) {
        String stdoutText() {
            return new String(stdout, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final FcgiRecordDecoder decoder;

    private FcgiTestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.decoder = new FcgiRecordDecoder(new BufferedInputStream(socket.getInputStream()));
    }

    static FcgiTestClient connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, 5000);
        s.setSoTimeout(15_000);
        return new FcgiTestClient(s);
    }

    void begin(int id, FcgiRole role, boolean keep) throws IOException {
        FcgiRecordEncoder.beginRequest(out, id, role, keep);
    }

    void beginWithRole(int id, int roleCode) throws IOException {
        byte[] body = {(byte) (roleCode >> 8), (byte) roleCode, 1, 0, 0, 0, 0, 0};
        FcgiRecordEncoder.write(out, FcgiRecordType.BEGIN_REQUEST, id, body, 0, 8);
    }

    void params(int id, Map<String, String> params) throws IOException {
        byte[] encoded = FcgiParams.encode(params);
        if (encoded.length > 0) FcgiRecordEncoder.write(out, FcgiRecordType.PARAMS, id, encoded, 0, encoded.length);
        FcgiRecordEncoder.endStream(out, FcgiRecordType.PARAMS, id);
    }

    void stdin(int id, byte[] body) throws IOException {
        if (body.length > 0) FcgiRecordEncoder.write(out, FcgiRecordType.STDIN, id, body, 0, body.length);
    }

    void endStdin(int id) throws IOException {
        FcgiRecordEncoder.endStream(out, FcgiRecordType.STDIN, id);
    }

    void abort(int id) throws IOException {
        FcgiRecordEncoder.abortRequest(out, id);
    }

    void getValues(Map<String, String> names) throws IOException {
        FcgiRecordEncoder.values(out, FcgiRecordType.GET_VALUES, names);
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** A whole Responder request: BEGIN, PARAMS, STDIN, then the answer. */
    Answer request(int id, Map<String, String> params, byte[] body, boolean keep) throws IOException {
        begin(id, FcgiRole.RESPONDER, keep);
        params(id, params);
        stdin(id, body);
        endStdin(id);
        return readAnswer(id);
    }

    /** The next record, or null when the server closed the connection. */
    FcgiRecord next() throws IOException {
        return decoder.next();
    }

    /** Reads records of {@code id} until its END_REQUEST (records of other ids are a test failure) or the end of the connection. */
    Answer readAnswer(int id) throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        while (true) {
            FcgiRecord r;
            try {
                r = decoder.next();
            } catch (dev.gatehouse.fastcgi.codec.FcgiException | java.net.SocketException cut) {
                // A cut record, or a connection the server closed with a reset rather than a FIN (seen
                // once in CI after a cut response): either way the connection ended here.
                r = null;
            }
            if (r == null) return new Answer(id, stdout.toByteArray(), stderr.toByteArray(), -1, -1, false);
            if (r.requestId() != id) throw new IOException("record for request " + r.requestId() + " while reading request " + id + ": " + r);
            switch (r.knownType()) {
                case STDOUT -> stdout.writeBytes(r.content());
                case STDERR -> stderr.writeBytes(r.content());
                case END_REQUEST -> {
                    return new Answer(id, stdout.toByteArray(), stderr.toByteArray(), r.endAppStatus(), r.endProtocolStatus(), true);
                }
                default -> throw new IOException("unexpected record " + r);
            }
        }
    }

    /** Reads until {@code count} requests have their END_REQUEST, records of all ids interleaved as they come. */
    Map<Integer, Answer> readAnswers(int count) throws IOException {
        Map<Integer, ByteArrayOutputStream> stdout = new java.util.HashMap<>();
        Map<Integer, ByteArrayOutputStream> stderr = new java.util.HashMap<>();
        Map<Integer, Answer> done = new java.util.LinkedHashMap<>();
        while (done.size() < count) {
            FcgiRecord r = decoder.next();
            if (r == null) throw new IOException("connection closed with " + done.size() + " of " + count + " answers");
            int id = r.requestId();
            switch (r.knownType()) {
                case STDOUT -> stdout.computeIfAbsent(id, k -> new ByteArrayOutputStream()).writeBytes(r.content());
                case STDERR -> stderr.computeIfAbsent(id, k -> new ByteArrayOutputStream()).writeBytes(r.content());
                case END_REQUEST -> done.put(id, new Answer(id, bytes(stdout.get(id)), bytes(stderr.get(id)), r.endAppStatus(), r.endProtocolStatus(), true));
                default -> throw new IOException("unexpected record " + r);
            }
        }
        return done;
    }

    private static byte[] bytes(ByteArrayOutputStream out) {
        return out == null ? new byte[0] : out.toByteArray();
    }

    /** True if the server closed the connection (end-of-stream) before sending anything more. */
    boolean closedByServer() throws IOException {
        try {
            return decoder.next() == null;
        } catch (dev.gatehouse.fastcgi.codec.FcgiException cut) {
            return true;
        } catch (java.net.SocketException reset) {
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
