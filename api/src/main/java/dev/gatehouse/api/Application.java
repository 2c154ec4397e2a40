package dev.gatehouse.api;

/**
 * A web application: one callable per app, called once per request (possibly by many threads at
 * once). See the package documentation for the whole contract.
 */
@FunctionalInterface
public interface Application {
    /**
     * Handles one request.
     *
     * @param environ the request: CGI variables and {@code gateway.*} keys
     * @param startResponse to be called with the status and headers before the body is produced
     * @return the response body, iterated once and always closed by the server
     */
    Body call(Environ environ, StartResponse startResponse) throws Exception;
}
