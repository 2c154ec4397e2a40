package dev.gatehouse.core.stream;

import dev.gatehouse.api.Environ;

/**
 * A request head as a stream protocol's reader decoded it.
 *
 * @param environ the CGI variables, complete except for the {@code gateway.*} keys (the connection adds those)
 * @param contentLength the body length in bytes (0 when there is none)
 * @param urlScheme {@code http} or {@code https}, as the web server said
 */
public record StreamRequest(Environ environ, long contentLength, String urlScheme) {
}
