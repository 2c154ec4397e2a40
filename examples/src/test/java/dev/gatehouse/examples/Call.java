package dev.gatehouse.examples;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import dev.gatehouse.api.Write;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Calls an app the way a server would and records the answer: head, chunks, whole body. */
final class Call implements StartResponse {
    Status status;
    List<Header> headers;
    final List<byte[]> chunks = new ArrayList<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    static Environ get(String path) {
        return request("GET", path, "");
    }

    static Environ request(String method, String pathInfo, String query) {
        return new Environ()
                .put(EnvironKeys.REQUEST_METHOD, method)
                .put(EnvironKeys.SCRIPT_NAME, "")
                .put(EnvironKeys.PATH_INFO, pathInfo)
                .put(EnvironKeys.QUERY_STRING, query)
                .put(EnvironKeys.SERVER_PROTOCOL, "HTTP/1.1")
                .put(EnvironKeys.INPUT, new ByteArrayInputStream(new byte[0]));
    }

    /** Sets the request body with its length and type. */
    static Environ withBody(Environ environ, String contentType, byte[] body) {
        return environ.put(EnvironKeys.CONTENT_TYPE, contentType)
                .put(EnvironKeys.CONTENT_LENGTH, Integer.toString(body.length))
                .put(EnvironKeys.INPUT, new ByteArrayInputStream(body));
    }

    static Call run(Application app, Environ environ) throws Exception {
        Call call = new Call();
        try (Body b = app.call(environ, call)) {
            byte[] chunk;
            while ((chunk = b.next()) != null) {
                call.chunks.add(chunk);
                call.body.write(chunk);
            }
        }
        return call;
    }

    @Override
    public Write start(Status status, List<Header> headers, Throwable excInfo) {
        this.status = status;
        this.headers = headers;
        return body::write;
    }

    int code() {
        return status.code();
    }

    String header(String name) {
        return Header.find(headers, name);
    }

    byte[] bytes() {
        return body.toByteArray();
    }

    String text() {
        return body.toString(StandardCharsets.UTF_8);
    }
}
