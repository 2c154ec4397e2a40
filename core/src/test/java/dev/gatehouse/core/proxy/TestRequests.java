package dev.gatehouse.core.proxy;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Environs a well-behaved server would build for a request to a gateway mounted at {@code /app}. */
final class TestRequests {
    static final String MOUNT = "/app";

    private TestRequests() {
    }

    static Environ get(String pathInfo) {
        return base("GET", pathInfo, InputStream.nullInputStream());
    }

    /** A request with a Content-Length and {@code body} as its input. */
    static Environ post(String pathInfo, byte[] body) {
        return post(pathInfo, new ByteArrayInputStream(body), body.length);
    }

    static Environ post(String pathInfo, InputStream body, long length) {
        return base("POST", pathInfo, body).put(EnvironKeys.CONTENT_LENGTH, Long.toString(length))
                .put(EnvironKeys.CONTENT_TYPE, "application/octet-stream");
    }

    /** A chunked upload: no Content-Length, the input ends at the end of the body. */
    static Environ chunked(String pathInfo, byte[] body) {
        return base("POST", pathInfo, new ByteArrayInputStream(body)).put(EnvironKeys.CONTENT_TYPE, "text/plain");
    }

    private static Environ base(String method, String pathInfo, InputStream input) {
        Environ env = new Environ();
        env.put(EnvironKeys.REQUEST_METHOD, method);
        env.put(EnvironKeys.SCRIPT_NAME, MOUNT);
        env.put(EnvironKeys.PATH_INFO, pathInfo);
        env.put(EnvironKeys.QUERY_STRING, "");
        env.put(EnvironKeys.SERVER_NAME, "localhost");
        env.put(EnvironKeys.SERVER_PORT, "8080");
        env.put(EnvironKeys.SERVER_PROTOCOL, "HTTP/1.1");
        env.put(EnvironKeys.REMOTE_ADDR, "127.0.0.1");
        env.put("HTTP_HOST", "localhost:8080");
        env.put(EnvironKeys.VERSION, EnvironKeys.INTERFACE_VERSION);
        env.put(EnvironKeys.URL_SCHEME, "http");
        env.put(EnvironKeys.INPUT, input);
        env.put(EnvironKeys.ERRORS, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        env.put(EnvironKeys.MULTITHREAD, Boolean.TRUE);
        env.put(EnvironKeys.MULTIPROCESS, Boolean.FALSE);
        env.put(EnvironKeys.RUN_ONCE, Boolean.FALSE);
        env.put(EnvironKeys.INPUT_TERMINATED, Boolean.TRUE);
        return env;
    }
}
