package dev.gatehouse.middleware;

import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.Header;
import dev.gatehouse.api.StartResponse;
import dev.gatehouse.api.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The short plain-text answers the middleware of this package give by themselves (401, 413,
 * 504...): {@code "413 Content Too Large\n"} with its length. Each one marks the environ with
 * {@link ErrorPages#STOCK_RESPONSE}, so an {@link ErrorPages} further out knows the body is a
 * stand-in it may replace with the site's own page.
 */
final class StockResponse {
    private StockResponse() {
    }

    /**
     * Starts the stock response and returns its body.
     *
     * @param extra headers to send besides Content-Type and Content-Length (WWW-Authenticate...)
     * @param excInfo the failure being answered, or null; given, it lets the response replace one
     *                the app had already started (the server re-throws it if the head went out)
     */
    static Body answer(Environ environ, StartResponse startResponse, int code, List<Header> extra, Throwable excInfo) {
        Status status = Status.of(code);
        byte[] text = (status + "\n").getBytes(StandardCharsets.UTF_8);
        List<Header> headers = new ArrayList<>(extra.size() + 2);
        headers.add(Header.of("Content-Type", "text/plain; charset=utf-8"));
        headers.add(Header.of("Content-Length", Integer.toString(text.length)));
        headers.addAll(extra);
        environ.put(ErrorPages.STOCK_RESPONSE, code);
        startResponse.start(status, headers, excInfo);
        return Body.of(text);
    }
}
