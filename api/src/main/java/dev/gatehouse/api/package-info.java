/**
 * The Gatehouse gateway interface: the contract between a server (an inbound adapter) and a
 * web application, in the spirit of Python's PEP 3333 (WSGI).
 *
 * <h2>The application</h2>
 * An {@link dev.gatehouse.api.Application} is called once per request with an
 * {@link dev.gatehouse.api.Environ} and a {@link dev.gatehouse.api.StartResponse}. It must call
 * {@code startResponse.start(status, headers)} before (or while) producing its first body chunk,
 * and it returns a {@link dev.gatehouse.api.Body}: the response chunks, iterated once.
 *
 * <h2>What the server guarantees</h2>
 * <ul>
 *   <li>The environ holds the CGI variables ({@code REQUEST_METHOD}, {@code SCRIPT_NAME},
 *       {@code PATH_INFO}, {@code QUERY_STRING}, {@code CONTENT_TYPE}, {@code CONTENT_LENGTH},
 *       {@code SERVER_NAME}, {@code SERVER_PORT}, {@code SERVER_PROTOCOL}, {@code REMOTE_ADDR},
 *       one {@code HTTP_*} per request header) and the {@code gateway.*} keys listed in
 *       {@link dev.gatehouse.api.EnvironKeys}. String values are the request's bytes decoded as
 *       ISO-8859-1, so no information is lost; {@link dev.gatehouse.api.Environ#decodedPathInfo()}
 *       decodes UTF-8 where an app wants text.</li>
 *   <li>{@code gateway.input} never reads past the request body and returns end-of-stream at its
 *       end, also for chunked request bodies ({@code gateway.input_terminated} is then true).</li>
 *   <li>{@code start} may be called once; a second call is allowed only with {@code excInfo},
 *       and only before the head was sent: after that, the given exception is re-thrown.</li>
 *   <li>Header names must be tokens, values must not contain CR, LF or NUL, and the hop-by-hop
 *       headers of RFC 9110 ({@code Connection}, {@code Keep-Alive}, {@code Transfer-Encoding},
 *       {@code Upgrade}, {@code TE}, {@code Trailer}, {@code Proxy-Authenticate},
 *       {@code Proxy-Authorization}) belong to the server: an app that sends one fails.</li>
 *   <li>Nothing is sent before the first non-empty body chunk (or the end of the body), so an app
 *       may still change its mind with {@code excInfo} until then.</li>
 *   <li>A declared {@code Content-Length} is enforced: no byte past it is sent, and a body that
 *       ends short makes the server close the connection rather than reuse it.</li>
 *   <li>{@link dev.gatehouse.api.Body#close()} is called exactly once on every path: success,
 *       application error, or a client that went away.</li>
 *   <li>A body that is a {@link dev.gatehouse.api.FileBody} is sent zero-copy where the
 *       transport allows it.</li>
 * </ul>
 */
package dev.gatehouse.api;
