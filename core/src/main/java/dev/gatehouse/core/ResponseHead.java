package dev.gatehouse.core;

import dev.gatehouse.api.Header;
import dev.gatehouse.api.Status;
import java.util.List;

/**
 * A validated response head as the core hands it to an adapter.
 *
 * @param contentLength the declared body length, or -1 if unknown (the adapter frames the body)
 * @param bodyless no body bytes follow (HEAD request, or a 1xx/204/304 status)
 */
public record ResponseHead(Status status, List<Header> headers, long contentLength, boolean bodyless) {
}
