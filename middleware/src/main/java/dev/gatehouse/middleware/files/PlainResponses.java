package dev.gatehouse.middleware.files;

import dev.gatehouse.api.Body;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The short plain-text answers of the files package: errors, 304, 301. */
final class PlainResponses {
    private PlainResponses() {
    }

    /** {@code "404 Not Found\n"} as text/plain with its length, plus {@code extra} headers. */
    static Body text(StartResponse start, int code, Header... extra) {
        Status status = Status.of(code);
        byte[] body = (status + "\n").getBytes(StandardCharsets.UTF_8);
        List<Header> headers = new ArrayList<>(extra.length + 2);
        headers.add(Header.of("Content-Type", "text/plain; charset=utf-8"));
        headers.add(Header.of("Content-Length", Integer.toString(body.length)));
        headers.addAll(List.of(extra));
        start.start(status, headers);
        return Body.of(body);
    }

    static Body methodNotAllowed(StartResponse start) {
        return text(start, 405, Header.of("Allow", "GET, HEAD"));
    }
}
