package dev.gatehouse.fastcgi.server;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Header;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.testkit.BodyFraming;
import dev.gatehouse.testkit.ConformanceHarness;
import dev.gatehouse.testkit.TestRequest;
import dev.gatehouse.testkit.TestResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The conformance harness for FastCGI spoken directly by {@link FcgiTestClient}: each request is
 * turned into PARAMS the way nginx's fastcgi_params builds them, and the CGI response on STDOUT back
 * into a response. A response is complete when END_REQUEST arrived and the body matches any
 * Content-Length; the connection counts as closed when no END_REQUEST came.
 */
final class FcgiClientHarness implements ConformanceHarness {
    private FcgiServer server;

    @Override
    public void start(Application app) throws Exception {
        server = new FcgiServer(app, FcgiConfig.defaults()).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.addresses().getFirst().toSocketAddress();
    }

    @Override
    public TestResponse send(TestRequest request) throws Exception {
        try (FcgiTestClient client = FcgiTestClient.connect(address())) {
            FcgiTestClient.Answer answer = client.request(1, paramsFor(request), request.body(), true);
            return toResponse(answer, request.method().equals("HEAD"));
        }
    }

    /** PARAMS as nginx sends them with its stock fastcgi_params and no fastcgi_split_path_info. */
    static Map<String, String> paramsFor(TestRequest request) {
        Map<String, String> p = new LinkedHashMap<>();
        String target = request.target();
        int q = target.indexOf('?');
        String path = q >= 0 ? target.substring(0, q) : target;
        p.put("QUERY_STRING", q >= 0 ? target.substring(q + 1) : "");
        p.put("REQUEST_METHOD", request.method());
        String contentType = "";
        for (Header h : request.headers()) if (h.is("Content-Type")) contentType = h.value();
        p.put("CONTENT_TYPE", contentType);
        p.put("CONTENT_LENGTH", request.chunked() || request.body().length == 0 && (request.method().equals("GET") || request.method().equals("HEAD"))
                ? "" : Integer.toString(request.body().length));
        p.put("SCRIPT_NAME", dev.gatehouse.api.PathCodec.decode(path));
        p.put("REQUEST_URI", target);
        p.put("DOCUMENT_URI", path);
        p.put("SERVER_PROTOCOL", "HTTP/1.1");
        p.put("REQUEST_SCHEME", "http");
        p.put("GATEWAY_INTERFACE", "CGI/1.1");
        p.put("REMOTE_ADDR", "127.0.0.1");
        p.put("REMOTE_PORT", "40000");
        p.put("SERVER_ADDR", "127.0.0.1");
        p.put("SERVER_PORT", "80");
        p.put("SERVER_NAME", "localhost");
        if (!request.hasHeader("Host")) p.put("HTTP_HOST", "localhost");
        for (Header h : request.headers()) {
            if (h.is("Content-Type") || h.is("Content-Length")) continue;
            String key = "HTTP_" + h.name().toUpperCase(Locale.ROOT).replace('-', '_');
            p.merge(key, h.value(), (a, b) -> a + ", " + b);
        }
        return p;
    }

    /** Parses the CGI response on STDOUT. */
    static TestResponse toResponse(FcgiTestClient.Answer answer, boolean head) throws IOException {
        byte[] out = answer.stdout();
        int end = indexOf(out, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) throw new IOException("no end of the CGI head in " + answer.stdoutText());
        String[] lines = new String(out, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        List<Header> headers = new ArrayList<>();
        int status = 200;
        String reason = "OK";
        for (String line : lines) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.substring(0, 3));
                reason = value.length() > 4 ? value.substring(4) : "";
            } else {
                headers.add(Header.of(name, value));
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(out, end + 4, out.length);
        String length = headers.stream().filter(h -> h.is("Content-Length")).map(Header::value).findFirst().orElse(null);
        boolean complete = answer.ended() && (length == null || head || Long.parseLong(length) == body.length);
        BodyFraming framing = head || status == 204 || status == 304 ? BodyFraming.NONE
                : length != null ? BodyFraming.CONTENT_LENGTH : BodyFraming.TRANSPORT;
        return new TestResponse(status, reason, headers, body, framing, complete, !answer.ended());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        FcgiServer s = server;
        server = null;
        if (s != null) s.shutdown();
    }
}
