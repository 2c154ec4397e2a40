package dev.gatehouse.core;

import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Environs a well-behaved server would build, for tests to start from. */
final class TestEnvirons {
    private TestEnvirons() {
    }

    static Environ get(String path) {
        return request("GET", path, "");
    }

    static Environ head(String path) {
        return request("HEAD", path, "");
    }

    /** A request with {@code body} as its input and a matching CONTENT_LENGTH (none for GET and HEAD without a body). */
    static Environ request(String method, String path, String body) {
        Environ env = new Environ();
        env.put(EnvironKeys.REQUEST_METHOD, method);
        env.put(EnvironKeys.SCRIPT_NAME, "");
        env.put(EnvironKeys.PATH_INFO, path);
        env.put(EnvironKeys.QUERY_STRING, "");
        env.put(EnvironKeys.SERVER_NAME, "localhost");
        env.put(EnvironKeys.SERVER_PORT, "8080");
        env.put(EnvironKeys.SERVER_PROTOCOL, "HTTP/1.1");
        env.put(EnvironKeys.REMOTE_ADDR, "127.0.0.1");
        if (!body.isEmpty()) env.put(EnvironKeys.CONTENT_LENGTH, Integer.toString(body.length()));
        env.put(EnvironKeys.VERSION, EnvironKeys.INTERFACE_VERSION);
        env.put(EnvironKeys.URL_SCHEME, "http");
        env.put(EnvironKeys.INPUT, new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)));
        env.put(EnvironKeys.ERRORS, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        env.put(EnvironKeys.MULTITHREAD, Boolean.TRUE);
        env.put(EnvironKeys.MULTIPROCESS, Boolean.FALSE);
        env.put(EnvironKeys.RUN_ONCE, Boolean.FALSE);
        env.put(EnvironKeys.INPUT_TERMINATED, Boolean.TRUE);
        return env;
    }
}
