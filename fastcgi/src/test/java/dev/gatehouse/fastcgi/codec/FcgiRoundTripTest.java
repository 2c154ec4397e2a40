package dev.gatehouse.fastcgi.codec;

import dev.gatehouse.testkit.PieceInput;
import static dev.gatehouse.fastcgi.codec.Wire.counting;
import static dev.gatehouse.fastcgi.codec.Wire.decodeAll;
import static dev.gatehouse.fastcgi.codec.Wire.written;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the client side encodes, the server side decodes back, however the bytes arrive: whole, one
 * byte per read, or in random pieces; and the same for the response the other way.
 */
class FcgiRoundTripTest {
    private static final int MAX_PARAMS_BYTES = 256 * 1024;
    private static final int MAX_PAIRS = 64;

    static Stream<Arguments> feeds() {
        return Stream.of(
            Arguments.of("whole", (Function<byte[], InputStream>) PieceInput::whole),
            Arguments.of("byte by byte", (Function<byte[], InputStream>) b -> PieceInput.pieces(b, 1)),
            Arguments.of("random pieces", (Function<byte[], InputStream>) b -> PieceInput.random(b, 42, 97)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void requestsComeBackAsSent(String name, Function<byte[], InputStream> feed) throws IOException {
        Request first = new Request(1, FcgiRole.RESPONDER, true, params(), counting(70_000));
        Request second = new Request(0xFFFF, FcgiRole.AUTHORIZER, false, Map.of("REQUEST_METHOD", "HEAD"), new byte[0]);
        byte[] wire = written(out -> {
            sendRequest(out, first, 1000);
            sendRequest(out, second, 3);
        });

        Map<Integer, Request> received = receiveRequests(decodeAll(feed.apply(wire)));

        assertThat(received).containsOnlyKeys(1, 0xFFFF);
        assertSame(received.get(1), first);
        assertSame(received.get(0xFFFF), second);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void interleavedRequestsComeBackAsSent(String name, Function<byte[], InputStream> feed) throws IOException {
        Request a = new Request(1, FcgiRole.RESPONDER, true, params(), counting(300));
        Request b = new Request(2, FcgiRole.FILTER, true, Map.of("A", "1", "B", ""), counting(17));
        ByteArrayOutputStream wireA = new ByteArrayOutputStream();
        ByteArrayOutputStream wireB = new ByteArrayOutputStream();
        sendRequest(wireA, a, 50);
        sendRequest(wireB, b, 5);
        byte[] wire = interleaveRecords(decodeAll(wireA.toByteArray()), decodeAll(wireB.toByteArray()));

        Map<Integer, Request> received = receiveRequests(decodeAll(feed.apply(wire)));

        assertSame(received.get(1), a);
        assertSame(received.get(2), b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void responsesComeBackAsSent(String name, Function<byte[], InputStream> feed) throws IOException {
        byte[] stdout = counting(140_000);
        byte[] stderr = "PHP Warning: x\n".getBytes(StandardCharsets.US_ASCII);
        byte[] wire = written(out -> {
            FcgiRecordEncoder.write(out, FcgiRecordType.STDOUT, 9, stdout, 0, stdout.length);
            FcgiRecordEncoder.write(out, FcgiRecordType.STDERR, 9, stderr, 0, stderr.length);
            FcgiRecordEncoder.endStream(out, FcgiRecordType.STDERR, 9);
            FcgiRecordEncoder.endStream(out, FcgiRecordType.STDOUT, 9);
            FcgiRecordEncoder.endRequest(out, 9, 3, FcgiProtocolStatus.REQUEST_COMPLETE);
            FcgiRecordEncoder.endRequest(out, 10, 0, FcgiProtocolStatus.OVERLOADED);
        });

        List<FcgiRecord> records = decodeAll(feed.apply(wire));

        assertThat(stream(records, FcgiRecordType.STDOUT, 9)).isEqualTo(stdout);
        assertThat(stream(records, FcgiRecordType.STDERR, 9)).isEqualTo(stderr);
        FcgiRecord end = records.get(records.size() - 2);
        assertThat(end.knownType()).isEqualTo(FcgiRecordType.END_REQUEST);
        assertThat(end.endAppStatus()).isEqualTo(3);
        assertThat(FcgiProtocolStatus.from(end.endProtocolStatus())).isEqualTo(FcgiProtocolStatus.REQUEST_COMPLETE);
        FcgiRecord overloaded = records.get(records.size() - 1);
        assertThat(overloaded.requestId()).isEqualTo(10);
        assertThat(FcgiProtocolStatus.from(overloaded.endProtocolStatus())).isEqualTo(FcgiProtocolStatus.OVERLOADED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void managementRecordsComeBackAsSent(String name, Function<byte[], InputStream> feed) throws IOException {
        Map<String, String> asked = new LinkedHashMap<>();
        asked.put("FCGI_MAX_CONNS", "");
        asked.put("FCGI_MPXS_CONNS", "");
        Map<String, String> answered = Map.of("FCGI_MAX_CONNS", "100", "FCGI_MPXS_CONNS", "1");
        byte[] wire = written(out -> {
            FcgiRecordEncoder.values(out, FcgiRecordType.GET_VALUES, asked);
            FcgiRecordEncoder.values(out, FcgiRecordType.GET_VALUES_RESULT, answered);
            FcgiRecordEncoder.unknownType(out, 200);
            FcgiRecordEncoder.abortRequest(out, 4);
        });

        List<FcgiRecord> records = decodeAll(feed.apply(wire));

        assertThat(records).extracting(FcgiRecord::knownType).containsExactly(FcgiRecordType.GET_VALUES,
            FcgiRecordType.GET_VALUES_RESULT, FcgiRecordType.UNKNOWN_TYPE, FcgiRecordType.ABORT_REQUEST);
        assertThat(records).extracting(FcgiRecord::requestId).containsExactly(0, 0, 0, 4);
        assertThat(values(records.get(0))).containsExactlyEntriesOf(asked);
        assertThat(values(records.get(1))).isEqualTo(answered);
        assertThat(records.get(2).content()[0] & 0xFF).isEqualTo(200);
    }

    record Request(int id, FcgiRole role, boolean keepConn, Map<String, String> params, byte[] stdin) {
    }

    /** Params with 1- and 4-byte lengths, Latin-1 bytes, and one value longer than a record so a pair spans records. */
    private static Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("GATEWAY_INTERFACE", "CGI/1.1");
        params.put("REQUEST_METHOD", "POST");
        params.put("SCRIPT_FILENAME", "/srv/www/" + "d/".repeat(100) + "index.php");
        params.put("QUERY_STRING", "q=caf\u00e9&\u00ff=\u0080");
        params.put("HTTP_COOKIE", "c".repeat(100_000));
        params.put("CONTENT_LENGTH", "70000");
        params.put("HTTPS", "");
        return params;
    }

    /** Sends a request the way a client does, its params flushed in slices of {@code paramsSlice} bytes. */
    private static void sendRequest(OutputStream out, Request r, int paramsSlice) throws IOException {
        FcgiRecordEncoder.beginRequest(out, r.id(), r.role(), r.keepConn());
        byte[] params = FcgiParams.encode(r.params());
        for (int off = 0; off < params.length; off += paramsSlice) {
            FcgiRecordEncoder.write(out, FcgiRecordType.PARAMS, r.id(), params, off, Math.min(paramsSlice, params.length - off));
        }
        FcgiRecordEncoder.endStream(out, FcgiRecordType.PARAMS, r.id());
        if (r.stdin().length > 0) FcgiRecordEncoder.write(out, FcgiRecordType.STDIN, r.id(), r.stdin(), 0, r.stdin().length);
        FcgiRecordEncoder.endStream(out, FcgiRecordType.STDIN, r.id());
    }

    /** Reassembles requests the way a server does: BEGIN, PARAMS until empty, STDIN until empty. */
    private static Map<Integer, Request> receiveRequests(List<FcgiRecord> records) throws FcgiException {
        Map<Integer, FcgiRecord> begins = new TreeMap<>();
        Map<Integer, FcgiParamsDecoder> params = new TreeMap<>();
        Map<Integer, Map<String, String>> finished = new TreeMap<>();
        Map<Integer, ByteArrayOutputStream> stdin = new TreeMap<>();
        Map<Integer, Request> requests = new TreeMap<>();
        for (FcgiRecord r : records) {
            int id = r.requestId();
            switch (r.knownType()) {
                case BEGIN_REQUEST -> {
                    begins.put(id, r);
                    params.put(id, new FcgiParamsDecoder(MAX_PARAMS_BYTES, MAX_PAIRS));
                    stdin.put(id, new ByteArrayOutputStream());
                }
                case PARAMS -> {
                    if (r.endsStream()) finished.put(id, params.get(id).finish());
                    else params.get(id).feed(r.content());
                }
                case STDIN -> {
                    if (!r.endsStream()) {
                        stdin.get(id).writeBytes(r.content());
                        continue;
                    }
                    FcgiRecord begin = begins.get(id);
                    requests.put(id, new Request(id, FcgiRole.from(begin.beginRole()), (begin.beginFlags() & 1) != 0,
                        finished.get(id), stdin.get(id).toByteArray()));
                }
                default -> throw new AssertionError("unexpected " + r);
            }
        }
        return requests;
    }

    private static byte[] interleaveRecords(List<FcgiRecord> a, List<FcgiRecord> b) throws IOException {
        return written(out -> {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                if (i < a.size()) rewrite(out, a.get(i));
                if (i < b.size()) rewrite(out, b.get(i));
            }
        });
    }

    private static void rewrite(OutputStream out, FcgiRecord r) throws IOException {
        FcgiRecordEncoder.writeOne(out, r.type(), r.requestId(), r.content(), 0, r.content().length);
    }

    private static byte[] stream(List<FcgiRecord> records, FcgiRecordType type, int id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean ended = false;
        for (FcgiRecord r : records) {
            if (r.knownType() != type || r.requestId() != id) continue;
            assertThat(ended).as("%s record after the stream's end", type).isFalse();
            ended = r.endsStream();
            out.writeBytes(r.content());
        }
        assertThat(ended).as("%s stream ended", type).isTrue();
        return out.toByteArray();
    }

    private static Map<String, String> values(FcgiRecord r) throws FcgiException {
        FcgiParamsDecoder decoder = new FcgiParamsDecoder(FcgiRecord.MAX_CONTENT, MAX_PAIRS);
        decoder.feed(r.content());
        return decoder.finish();
    }

    private static void assertSame(Request actual, Request expected) {
        assertThat(actual).isNotNull();
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.role()).isEqualTo(expected.role());
        assertThat(actual.keepConn()).isEqualTo(expected.keepConn());
        assertThat(actual.params()).containsExactlyEntriesOf(expected.params());
        assertThat(actual.stdin()).isEqualTo(expected.stdin());
    }
}
