package dev.gatehouse.testkit;

import dev.gatehouse.api.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request as the conformance suite means it, independent of any protocol: each harness turns it
 * into its own wire format (an HTTP request, FastCGI records, an SCGI netstring, a CGI
 * environment).
 *
 * @param target the request target in origin form ({@code /path?query}), percent-encoded as on the wire
 * @param headers request header fields, in order; the harness adds what its protocol requires (such as Host)
 * @param chunked the body's length is not known in advance (HTTP: chunked transfer coding)
 */
public record TestRequest(String method, String target, List<Header> headers, byte[] body, boolean chunked) {
    public TestRequest {
        headers = List.copyOf(headers);
        body = body.clone();
    }

    public static TestRequest get(String target) {
        return new TestRequest("GET", target, List.of(), new byte[0], false);
    }

    public static TestRequest head(String target) {
        return new TestRequest("HEAD", target, List.of(), new byte[0], false);
    }

    public static TestRequest post(String target, byte[] body) {
        return new TestRequest("POST", target, List.of(), body, false);
    }

    public static TestRequest post(String target, String body) {
        return post(target, body.getBytes(StandardCharsets.UTF_8));
    }

    public TestRequest withHeader(String name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(Header.of(name, value));
        return new TestRequest(method, target, more, body, chunked);
    }

    /** The same request with its body sent without a declared length. */
    public TestRequest asChunked() {
        return new TestRequest(method, target, headers, body, true);
    }

    public boolean hasHeader(String name) {
        return Header.find(headers, name) != null;
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return method + " " + target + " " + headers + " body=" + body.length + " bytes" + (chunked ? " (chunked)" : "");
    }
}
