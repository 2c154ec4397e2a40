package dev.gatehouse.examples;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.PathCodec;
import dev.gatehouse.api.StartResponse;
import java.util.List;

/**
 * The demo's home page: a link to each part with one line on what it does. Links start from
 * {@code SCRIPT_NAME}, so they work wherever the demo is mounted. Any other path is a 404.
 */
final class IndexPage implements Application {
    /** The same site reaches users by several routes; the page says which, so each can be tried. */
    private static final String DEPLOYMENTS = """
            <h2>Other ways to serve this site</h2>
            <ul>
            <li>Behind nginx or Apache over FastCGI: <code>gatehouse serve --fastcgi 127.0.0.1:9000</code>,
            then <code>fastcgi_pass 127.0.0.1:9000;</code> (see docs/fastcgi.md)</li>
            <li>In front of PHP-FPM or any FastCGI app: <code>gatehouse serve --mount /php=fastcgi:unix:/run/php/php8.2-fpm.sock?root=/srv/php</code>
            (see docs/fastcgi-backends.md)</li>
            <li>Behind nginx or Apache over SCGI: <code>gatehouse serve --scgi 127.0.0.1:4000</code>,
            then <code>scgi_pass 127.0.0.1:4000;</code> (see docs/scgi.md)</li>
            <li>Behind nginx or Apache over the uwsgi protocol: <code>gatehouse serve --uwsgi unix:/run/gatehouse/uwsgi.sock</code>,
            then <code>uwsgi_pass unix:/run/gatehouse/uwsgi.sock;</code> (see docs/uwsgi.md)</li>
            <li>In front of uWSGI or any SCGI/uwsgi app: <code>gatehouse serve --mount /py=uwsgi://127.0.0.1:3031</code>
            or <code>--mount /py=scgi://127.0.0.1:4000</code> (see docs/uwsgi.md, docs/scgi.md)</li>
            <li>In front of any HTTP server, as a reverse proxy: <code>gatehouse serve --mount /api=http://127.0.0.1:8081/v1</code>
            (see docs/http-proxy.md)</li>
            </ul>
            """;

    private final List<DemoSite.Part> parts;
    private final List<DemoSite.Gateway> gateways;

    IndexPage(List<DemoSite.Part> parts, List<DemoSite.Gateway> gateways) {
        this.parts = List.copyOf(parts);
        this.gateways = List.copyOf(gateways);
    }

    @Override
    public Body call(Environ environ, StartResponse startResponse) {
        String path = environ.pathInfo();
        if (!path.isEmpty() && !path.equals("/")) return Responses.notFound(startResponse);
        String base = PathCodec.encode(environ.scriptName());
        StringBuilder html = new StringBuilder(Html.page("Gatehouse demo"))
                .append("<p>A few small applications, each mounted under its own path.</p>\n<ul>\n");
        for (DemoSite.Part p : parts) {
            html.append("<li><a href=\"").append(Html.escape(base + p.example())).append("\">")
                    .append(Html.escape(p.example())).append("</a> &mdash; ").append(Html.escape(p.description()))
                    .append("</li>\n");
        }
        html.append("</ul>\n");
        if (!gateways.isEmpty()) {
            html.append("<h2>Gateways</h2>\n<p>What this server serves besides its own apps: files from a directory, CGI "
                    + "scripts, PHP, and the same site reached through each outbound gateway and a second server "
                    + "speaking that protocol (the environ page there shows what arrived).</p>\n<ul>\n");
            for (DemoSite.Gateway g : gateways) {
                String link = base + g.example();
                html.append("<li><a href=\"").append(Html.escape(link)).append("\">").append(Html.escape(g.example()))
                        .append("</a> &mdash; ").append(Html.escape(g.description())).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append(DEPLOYMENTS).append(Html.END);
        return Responses.html(startResponse, html.toString());
    }
}
