package dev.gatehouse.web.forms;

import dev.gatehouse.api.Environ;
import dev.gatehouse.web.FormInput;
import dev.gatehouse.web.Upload;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Submitted values given directly, for the form tests that need no request. */
final class TestInput implements FormInput {
    private final String method;
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Map<String, Upload> uploads = new HashMap<>();
    private final Environ environ = new Environ();

    private TestInput(String method) {
        this.method = method;
    }

    /** A POST of {@code name, value, name, value...}. */
    static TestInput post(String... pairs) {
        TestInput in = new TestInput("POST");
        for (int i = 0; i + 1 < pairs.length; i += 2) in.values.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
        return in;
    }

    static TestInput get(String... pairs) {
        TestInput in = post(pairs);
        TestInput g = new TestInput("GET");
        g.values.putAll(in.values);
        return g;
    }

    TestInput upload(String field, String fileName, String contentType, byte[] content) {
        uploads.put(field, new Upload() {
            public String fieldName() {
                return field;
            }

            public String fileName() {
                return fileName;
            }

            public String contentType() {
                return contentType;
            }

            public long size() {
                return content.length;
            }

            public InputStream open() {
                return new ByteArrayInputStream(content);
            }
        });
        return this;
    }

    @Override
    public Environ environ() {
        return environ;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    @Override
    public Upload upload(String name) {
        return uploads.get(name);
    }
}
