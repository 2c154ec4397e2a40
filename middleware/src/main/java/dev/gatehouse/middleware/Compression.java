package dev.gatehouse.middleware;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.Middleware;
import java.util.ArrayList;
import java.util.List;

/**
 * Compresses responses with gzip or deflate as the client allows: nginx's {@code gzip on} (with
 * {@code gzip_types}, {@code gzip_min_length}, {@code gzip_comp_level}, {@code gzip_vary}),
 * Apache's {@code mod_deflate} ({@code SetOutputFilter DEFLATE}). A response is compressed when
 * <ul>
 *   <li>the client accepts gzip or deflate in {@code Accept-Encoding}, weights included
 *       ({@code gzip;q=0} refuses it, {@code *} stands for every coding not named; without the
 *       header nothing is compressed); between equal weights the order of
 *       {@link CompressionConfig#codings()} decides; when no offered coding is acceptable the
 *       response goes out as it is, never as a 406, as nginx and Apache do;</li>
 *   <li>its Content-Type is one of {@link CompressionConfig#types()};</li>
 *   <li>its Content-Length, when it has one, is at least {@link CompressionConfig#minLength()}
 *       (a response without one, a streamed body, is always compressed);</li>
 *   <li>it is not compressed already (no {@code Content-Encoding}), carries no
 *       {@code Cache-Control: no-transform}, is not a range ({@code 206}, {@code Content-Range}),
 *       has a body at all (not 204 or 304) and answers a request other than HEAD.</li>
 * </ul>
 * A compressed response loses its Content-Length (the server sends it chunked) and
 * {@code Accept-Ranges}, gets {@code Content-Encoding}, and its strong ETag becomes weak
 * ({@code W/"..."}), as nginx does, since the bytes differ from the uncompressed ones. Every
 * response of a compressible type gets {@code Vary: Accept-Encoding} (added to an existing Vary),
 * whether this one was compressed or not.
 *
 * <p>Each body chunk, and each {@code write}, is compressed and flushed on its own
 * ({@code SYNC_FLUSH}), so a streamed response still reaches the client piece by piece. A file
 * body of a type that is not compressed stays a file body, sent zero-copy.
 */
public final class Compression implements Middleware {
    private final CompressionConfig config;
    private final List<ContentCoding> codings;

    public Compression() {
        this(CompressionConfig.defaults());
    }

    public Compression(CompressionConfig config) {
        this.config = config;
        List<ContentCoding> list = new ArrayList<>();
        for (String name : config.codings()) list.add(ContentCoding.named(name));
        this.codings = List.copyOf(list);
    }

    public CompressionConfig config() {
        return config;
    }

    @Override
    public Application wrap(Application next) {
        return (environ, startResponse) -> {
            CompressingResponse response = new CompressingResponse(startResponse, this, negotiate(environ),
                    "HEAD".equals(environ.requestMethod()));
            Body body;
            try {
                body = next.call(environ, response);
            } catch (Throwable error) {
                response.end();
                throw error;
            }
            return response.body(body);
        };
    }

    /** The coding the client prefers among those offered, or null to send the response as it is. */
    ContentCoding negotiate(Environ environ) {
        String accept = environ.getString("HTTP_ACCEPT_ENCODING");
        if (accept == null) return null;
        List<String> elements = HeaderLists.split(accept);
        if (elements == null) return null;
        ContentCoding best = null;
        int bestWeight = 0;
        for (ContentCoding coding : codings) {
            int weight = weightOf(elements, coding);
            if (weight > bestWeight) {
                best = coding;
                bestWeight = weight;
            }
        }
        return best;
    }

    /** The weight the client gives {@code coding}: its own element's, else that of {@code *}, else 0. */
    private static int weightOf(List<String> elements, ContentCoding coding) {
        int star = 0;
        for (String element : elements) {
            String name = HeaderLists.name(element);
            int weight = HeaderLists.weight(element);
            if (weight < 0) continue; // a malformed weight: ignore the element
            if (name.equals(coding.token()) || (coding == ContentCoding.GZIP && name.equals("x-gzip"))) return weight;
            if (name.equals("*")) star = weight;
        }
        return star;
    }

    /** True if {@code contentType} (parameters allowed) matches one of the configured types. */
    boolean compressible(String contentType) {
        if (contentType == null) return false;
        String media = HeaderLists.name(contentType);
        int slash = media.indexOf('/');
        if (slash <= 0) return false;
        for (String pattern : config.types()) {
            String p = HeaderLists.lower(pattern);
            if (p.startsWith("+") ? media.endsWith(p)
                    : p.endsWith("/*") ? media.regionMatches(0, p, 0, p.length() - 1)
                    : media.equals(p)) {
                return true;
            }
        }
        return false;
    }
}
