package dev.gatehouse.examples;

import dev.gatehouse.api.Application;
import dev.gatehouse.examples.accounts.AccountsApp;
import dev.gatehouse.middleware.UrlMap;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo site {@code gatehouse serve} runs when no app is named: an index page and one small
 * app per feature of the gateway interface, composed with a {@link UrlMap}.
 */
public final class DemoSite {
    private DemoSite() {
    }

    /**
     * One part of the demo.
     *
     * @param path where it is mounted
     * @param example the link the index page shows (the path, maybe with a query)
     */
    record Part(String path, String example, String description, Application app) {
    }

    static final List<Part> PARTS = List.of(
            new Part("/hello", "/hello", "Hello, world! as plain text with a Content-Length (the benchmark app)", new HelloApp()),
            new Part("/environ", "/environ?q=1", "the environ this app saw, as JSON", new EnvironJson()),
            new Part("/echo", "/echo", "returns the request body unchanged, with its Content-Type (POST something)", new EchoApp()),
            new Part("/stream", "/stream?chunks=5&size=64", "N chunks of B bytes, streamed without a Content-Length", new StreamApp()),
            new Part("/form", "/form", "an HTML form that posts back and shows what it received", new FormPage()));

    /** Apps that route the paths below their own themselves, each built on its first request. */
    static final List<Part> SUBSITES = List.of(
            new Part("/accounts", "/accounts/request", "the account request example (web framework: validated form, admin page, SQLite; docs/web.md)",
                    new OnFirstRequest(AccountsApp::create)));

    /**
     * A route to the same site through a gateway, which the index page links to: e.g. the site
     * again behind an SCGI proxy mount, served over SCGI by a second server.
     *
     * @param path where it is mounted (the whole subtree is the gateway's)
     * @param example the link the index page shows, under {@code path}
     * @param description one line on the route, for the index page: what runs it
     * @param app the route's application, or null for a part the server mounts beside the demo
     *            (a {@code files:} or {@code cgi:} mount of its configuration) that the index
     *            only links to
     */
    public record Gateway(String path, String example, String description, Application app) {
        /** A part served by another mount of the same server, only linked from the index. */
        public static Gateway link(String path, String example, String description) {
            return new Gateway(path, example, description, null);
        }
    }

    /** The whole site, ready to serve. */
    public static Application create() {
        return create(List.of());
    }

    /** The whole site with routes through gateways mounted beside it. */
    public static Application create(List<Gateway> gateways) {
        UrlMap.Builder map = UrlMap.builder().mount("/", new IndexPage(Stream.concat(PARTS.stream(), SUBSITES.stream()).toList(), gateways));
        for (Part p : PARTS) map.mount(p.path(), exactly(p.app()));
        for (Part p : SUBSITES) map.mount(p.path(), p.app());
        for (Gateway g : gateways) {
            if (g.app() != null) map.mount(g.path(), g.app());
        }
        return map.build();
    }

    /** Each part answers its own URL only: anything below it is a 404. */
    private static Application exactly(Application app) {
        return (environ, startResponse) -> environ.pathInfo().isEmpty()
                ? app.call(environ, startResponse)
                : Responses.notFound(startResponse);
    }
}
