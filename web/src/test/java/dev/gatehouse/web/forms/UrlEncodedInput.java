package dev.gatehouse.web.forms;

import dev.gatehouse.api.Environ;
import dev.gatehouse.web.FormInput;
import dev.gatehouse.web.Upload;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A minimal FormInput over a real request: query string plus an urlencoded body (bounded), for the live tests. */
final class UrlEncodedInput implements FormInput {
    private static final int MAX_BODY = 64 * 1024;

    private final Environ environ;
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    UrlEncodedInput(Environ environ) throws IOException {
        this.environ = environ;
        parse(environ.queryString());
        String type = environ.contentType();
        if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
            byte[] body = environ.input().readNBytes(MAX_BODY);
            parse(new String(body, StandardCharsets.ISO_8859_1));
        }
    }

    private void parse(String text) {
        if (text.isEmpty()) return;
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            values.computeIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
    }

    @Override
    public Environ environ() {
        return environ;
    }

    @Override
    public String method() {
        return environ.requestMethod();
    }

    @Override
    public List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    @Override
    public Upload upload(String name) {
        return null;
    }
}
