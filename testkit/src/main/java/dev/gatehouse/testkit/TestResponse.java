package dev.gatehouse.testkit;

import dev.gatehouse.api.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A response as a client of the adapter saw it.
 *
 * @param headers the response header fields as received (the adapter's own, such as Date, included)
 * @param body the body bytes received, possibly truncated
 * @param framing how the end of the body was marked
 * @param complete the body ended where its framing said it would; false when it was cut short
 * @param connectionClosed the adapter closed the connection with or after this response
 */
public record TestResponse(int status, String reason, List<Header> headers, byte[] body, BodyFraming framing,
                           boolean complete, boolean connectionClosed) {
    public TestResponse {
        headers = List.copyOf(headers);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        return Header.find(headers, name);
    }

    public boolean hasHeader(String name) {
        return header(name) != null;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return status + " " + reason + " " + headers + " " + framing + (complete ? "" : " INCOMPLETE")
                + (connectionClosed ? " closed" : "") + " body=" + EscapedBytes.abbreviate(body, 200);
    }
}
