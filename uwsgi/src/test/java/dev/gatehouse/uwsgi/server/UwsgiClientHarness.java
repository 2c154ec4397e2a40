package dev.gatehouse.uwsgi.server;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.PathCodec;
import dev.gatehouse.core.net.ListenAddress;
import dev.gatehouse.core.stream.StreamServerConfig;
import dev.gatehouse.testkit.BodyFraming;
import dev.gatehouse.testkit.ConformanceHarness;
import dev.gatehouse.testkit.TestRequest;
import dev.gatehouse.testkit.TestResponse;
import dev.gatehouse.uwsgi.codec.UwsgiRequestEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The conformance harness for uwsgi spoken directly by {@link UwsgiTestClient}: each request becomes
 * the vars nginx builds from its stock {@code uwsgi_params} (the whole decoded path as PATH_INFO, no
 * SCRIPT_NAME, every request header as an HTTP_ var), and a body of unknown length is sent with its
 * CONTENT_LENGTH, as nginx does after reading it whole (uwsgi has no framing for a body). A response
 * ends with the connection; it is complete when its body matches any Content-Length, and the
 * connection counts as closed only when it was cut short (every uwsgi connection closes after its
 * one response; closing is how the response ends, not a sign of trouble).
 */
final class UwsgiClientHarness implements ConformanceHarness {
    private UwsgiServer server;

    @Override
    public void start(Application app) throws Exception {
        server = new UwsgiServer(app, StreamServerConfig.defaults()).listen(ListenAddress.tcp("127.0.0.1", 0)).start();
    }

    SocketAddress address() {
        return server.addresses().getFirst().toSocketAddress();
    }

    @Override
    public TestResponse send(TestRequest request) throws Exception {
        return toResponse(UwsgiTestClient.exchange(address(), encode(request)), request.method().equals("HEAD"));
    }

    /** The whole request as nginx would send it: packet header, vars, body. */
    static byte[] encode(TestRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(UwsgiRequestEncoder.encode(varsFor(request)));
        out.writeBytes(request.body());
        return out.toByteArray();
    }

    /** The vars of nginx's stock uwsgi_params (Debian's, with HTTP_HOST from $host), then the request headers. */
    static Map<String, String> varsFor(TestRequest request) {
        Map<String, String> v = new LinkedHashMap<>();
        String target = request.target();
        int q = target.indexOf('?');
        String path = q >= 0 ? target.substring(0, q) : target;
        boolean noBody = request.body().length == 0 && !request.chunked() && (request.method().equals("GET") || request.method().equals("HEAD"));
        String contentType = "";
        for (Header h : request.headers()) if (h.is("Content-Type")) contentType = h.value();
        v.put("QUERY_STRING", q >= 0 ? target.substring(q + 1) : "");
        v.put("REQUEST_METHOD", request.method());
        v.put("CONTENT_TYPE", contentType);
        v.put("CONTENT_LENGTH", noBody ? "" : Integer.toString(request.body().length));
        v.put("REQUEST_URI", target);
        v.put("PATH_INFO", PathCodec.decode(path));
        v.put("DOCUMENT_ROOT", "/usr/share/nginx/html");
        v.put("SERVER_PROTOCOL", "HTTP/1.1");
        v.put("REQUEST_SCHEME", "http");
        v.put("REMOTE_ADDR", "127.0.0.1");
        v.put("REMOTE_PORT", "40000");
        v.put("SERVER_PORT", "80");
        v.put("SERVER_NAME", "localhost");
        v.put("HTTP_HOST", "localhost");
        for (Header h : request.headers()) {
            if (h.is("Host")) continue;
            String key = "HTTP_" + h.name().toUpperCase(Locale.ROOT).replace('-', '_');
            v.merge(key, h.value(), (a, b) -> a + ", " + b);
        }
        return v;
    }

    static TestResponse toResponse(UwsgiTestClient.Answer answer, boolean head) {
        String length = answer.header("Content-Length");
        int status = answer.status();
        boolean bodyless = head || status == 204 || status == 304;
        boolean complete = !answer.reset() && (length == null || bodyless || Long.parseLong(length) == answer.body().length);
        BodyFraming framing = bodyless ? BodyFraming.NONE : length != null ? BodyFraming.CONTENT_LENGTH : BodyFraming.TRANSPORT;
        return new TestResponse(status, answer.reason(), answer.headers(), answer.body(), framing, complete, !complete);
    }

    @Override
    public void close() {
        UwsgiServer s = server;
        server = null;
        if (s != null) s.shutdown();
    }
}
