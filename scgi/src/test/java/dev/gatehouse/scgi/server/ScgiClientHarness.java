package dev.gatehouse.scgi.server;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.PathCodec;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.stream.StreamServerConfig;
import dev.gatehouse.scgi.codec.ScgiRequestEncoder;
import dev.gatehouse.testkit.BodyFraming;
import dev.gatehouse.testkit.ConformanceHarness;
import dev.gatehouse.testkit.TestRequest;
import dev.gatehouse.testkit.TestResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The conformance harness for SCGI spoken directly by {@link ScgiTestClient}: each request becomes
 * the header nginx's stock {@code scgi_params} make of it (nginx reads a chunked body whole first,
 * so it goes out with its CONTENT_LENGTH too), the body follows, and the CGI response read until
 * the server closes becomes the response. A response is complete when the connection ended
 * cleanly and the body matches any Content-Length; the connection counts as closed (in the HTTP
 * sense: the response was cut) when it was not complete.
 */
final class ScgiClientHarness implements ConformanceHarness {
    private ScgiServer server;

    @Override
    public void start(Application app) throws Exception {
        server = new ScgiServer(app, StreamServerConfig.defaults()).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
    }

    SocketAddress address() {
        return server.addresses().getFirst().toSocketAddress();
    }

    @Override
    public TestResponse send(TestRequest request) throws Exception {
        byte[] body = request.body();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(ScgiRequestEncoder.encode(variablesFor(request), body.length));
        wire.writeBytes(body);
        return toResponse(ScgiTestClient.send(address(), wire.toByteArray()), request.method().equals("HEAD"));
    }

    /** The variables nginx's stock scgi_params give for {@code request} (CONTENT_LENGTH and SCGI come from the encoder). */
    static Map<String, String> variablesFor(TestRequest request) {
        Map<String, String> v = new LinkedHashMap<>();
        String target = request.target();
        int q = target.indexOf('?');
        String path = q >= 0 ? target.substring(0, q) : target;
        v.put("REQUEST_METHOD", request.method());
        v.put("REQUEST_URI", target);
        v.put("QUERY_STRING", q >= 0 ? target.substring(q + 1) : "");
        String contentType = "";
        for (Header h : request.headers()) if (h.is("Content-Type")) contentType = h.value();
        v.put("CONTENT_TYPE", contentType);
        v.put("DOCUMENT_URI", PathCodec.decode(path));
        v.put("DOCUMENT_ROOT", "/usr/share/nginx/html");
        v.put("SERVER_PROTOCOL", "HTTP/1.1");
        v.put("REQUEST_SCHEME", "http");
        v.put("REMOTE_ADDR", "127.0.0.1");
        v.put("REMOTE_PORT", "40000");
        v.put("SERVER_PORT", "80");
        v.put("SERVER_NAME", "localhost");
        v.put("HTTP_HOST", "localhost");
        for (Header h : request.headers()) {
            String key = "HTTP_" + h.name().toUpperCase(Locale.ROOT).replace('-', '_');
            if (key.equals("HTTP_HOST")) v.put(key, h.value());
            else v.merge(key, h.value(), (a, b) -> a + ", " + b);
        }
        if (request.body().length > 0 || !(request.method().equals("GET") || request.method().equals("HEAD"))) {
            if (request.chunked()) v.put("HTTP_TRANSFER_ENCODING", "chunked");
            else v.put("HTTP_CONTENT_LENGTH", Integer.toString(request.body().length));
        }
        return v;
    }

    /** Parses the CGI response. */
    static TestResponse toResponse(ScgiTestClient.Answer answer, boolean head) throws IOException {
        String text = answer.text();
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) throw new IOException("no end of the CGI head in " + text);
        List<Header> headers = new ArrayList<>();
        int status = 200;
        String reason = "OK";
        for (String line : text.substring(0, end).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) throw new IOException("not a CGI header line: " + line);
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.substring(0, 3));
                reason = value.length() > 4 ? value.substring(4) : "";
            } else {
                headers.add(Header.of(name, value));
            }
        }
        byte[] body = answer.body();
        String length = headers.stream().filter(h -> h.is("Content-Length")).map(Header::value).findFirst().orElse(null);
        boolean bodyless = head || status == 204 || status == 304;
        boolean complete = !answer.reset() && (length == null || bodyless || Long.parseLong(length) == body.length);
        BodyFraming framing = bodyless ? BodyFraming.NONE : length != null ? BodyFraming.CONTENT_LENGTH : BodyFraming.TRANSPORT;
        return new TestResponse(status, reason, headers, body, framing, complete, !complete);
    }

    @Override
    public void close() {
        ScgiServer s = server;
        server = null;
        if (s != null) s.shutdown();
    }
}
