package dev.gatehouse.middleware;

import dev.gatehouse.api.Body;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import dev.gatehouse.api.Write;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A server stand-in: records the head and the bytes written, and drains bodies. */
final class RecordingStartResponse implements StartResponse {
    Status status;
    List<Header> headers;
    final ByteArrayOutputStream written = new ByteArrayOutputStream();

    @Override
    public Write start(Status status, List<Header> headers, Throwable excInfo) {
        this.status = status;
        this.headers = headers;
        return written::write;
    }

    String header(String name) {
        return Header.find(headers, name);
    }

    /** Reads the body to its end, closes it, and returns everything written and produced. */
    String drain(Body body) throws IOException {
        try (body) {
            byte[] chunk;
            while ((chunk = body.next()) != null) written.write(chunk);
        }
        return written.toString(StandardCharsets.UTF_8);
    }
}
