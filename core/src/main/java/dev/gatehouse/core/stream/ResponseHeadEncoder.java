package dev.gatehouse.core.stream;

import dev.gatehouse.api.Environ;
import dev.gatehouse.core.ResponseHead;

/**
 * How a stream protocol writes a response head: a CGI head with {@code Status:} (SCGI) or an
 * HTTP status line (uwsgi, what nginx's uwsgi_pass expects).
 */
@FunctionalInterface
public interface ResponseHeadEncoder {
    /** @param environ the request's environ (e.g. for SERVER_PROTOCOL); empty for a head answered before one was read */
    byte[] encode(ResponseHead head, Environ environ);
}
