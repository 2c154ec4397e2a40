package dev.gatehouse.testkit;

import dev.gatehouse.api.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP response exactly as {@link RawHttpClient} read it off the wire.
 *
 * @param interimStatuses the 1xx responses that came before this one (e.g. 100), when read with
 *                        {@link RawHttpClient#readFinalResponse}
 * @param complete the body ended where its framing said; false if the connection closed first
 * @param connectionClosed the server closed the connection while or right after sending it (EOF seen)
 */
public record RawResponse(String version, int status, String reason, List<Header> headers, byte[] body,
                          BodyFraming framing, boolean complete, boolean connectionClosed,
                          List<Integer> interimStatuses) {
    public RawResponse {
        headers = List.copyOf(headers);
        interimStatuses = List.copyOf(interimStatuses);
    }

    public String header(String name) {
        return Header.find(headers, name);
    }

    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>();
        for (Header h : headers) {
            if (h.is(name)) values.add(h.value());
        }
        return values;
    }

    /** The Connection header lists {@code close}. */
    public boolean announcesClose() {
        return hasConnectionToken("close");
    }

    public boolean hasConnectionToken(String token) {
        for (String value : headerValues("Connection")) {
            for (String t : value.split(",")) {
                if (t.strip().equalsIgnoreCase(token)) return true;
            }
        }
        return false;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    RawResponse withInterim(List<Integer> interim) {
        return new RawResponse(version, status, reason, headers, body, framing, complete, connectionClosed, interim);
    }

    public TestResponse toTestResponse(boolean closed) {
        return new TestResponse(status, reason, headers, body, framing, complete, closed);
    }

    @Override
    public String toString() {
        return version + " " + status + " " + reason + " " + headers + " " + framing
                + (complete ? "" : " INCOMPLETE") + (connectionClosed ? " (closed)" : "")
                + (interimStatuses.isEmpty() ? "" : " after " + interimStatuses)
                + " body=" + EscapedBytes.abbreviate(body, 200);
    }
}
