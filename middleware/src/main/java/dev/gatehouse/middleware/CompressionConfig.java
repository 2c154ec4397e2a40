package dev.gatehouse.middleware;

import java.util.List;
import java.util.zip.Deflater;

/**
 * The options of {@link Compression}, each with its default.
 *
 * @param types the response media types worth compressing (nginx {@code gzip_types}, Apache
 *              {@code AddOutputFilterByType DEFLATE}): {@code type/subtype}, {@code type/*}, or
 *              {@code +suffix} for every structured-syntax type ending in it ({@code +json},
 *              {@code +xml}); default {@link #DEFAULT_TYPES}
 * @param minLength a response whose Content-Length is below this is sent as it is (nginx
 *                  {@code gzip_min_length}); a response without Content-Length is always
 *                  compressed; default 1024 bytes
 * @param level the deflate level, 1 (fastest) to 9 (smallest) (nginx {@code gzip_comp_level},
 *              default 1 there; Apache {@code DeflateCompressionLevel}); default 6, zlib's own
 * @param codings the content codings offered, in order of preference when the client weighs
 *                them equally: {@code "gzip"} and {@code "deflate"} (the zlib format, RFC 9110
 *                section 8.4.1.2); default both, gzip first
 * @param vary add {@code Vary: Accept-Encoding} to every response of a compressible type,
 *             compressed or not, so caches keep the variants apart (nginx {@code gzip_vary on});
 *             default true
 */
public record CompressionConfig(List<String> types, long minLength, int level, List<String> codings, boolean vary) {

    public static final List<String> DEFAULT_TYPES = List.of(
            "text/*",
            "application/json", "application/javascript", "application/x-javascript", "application/ecmascript",
            "application/xml", "application/wasm", "application/vnd.ms-fontobject",
            "image/svg+xml", "image/x-icon", "image/bmp",
            "font/ttf", "font/otf",
            "+json", "+xml");

    public static final CompressionConfig DEFAULTS = new CompressionConfig(DEFAULT_TYPES, 1024, 6, List.of("gzip", "deflate"), true);

    public CompressionConfig {
        types = List.copyOf(types);
        codings = List.copyOf(codings);
        for (String t : types) {
            boolean ok = t.startsWith("+") ? t.length() > 1 : t.indexOf('/') > 0 && t.indexOf('/') < t.length() - 1;
            if (!ok) throw new IllegalArgumentException("not a media type, type/* or +suffix: '" + t + "'");
        }
        if (minLength < 0) throw new IllegalArgumentException("minLength must not be negative: " + minLength);
        if (level < Deflater.BEST_SPEED || level > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException("level must be 1..9: " + level);
        }
        if (codings.isEmpty()) throw new IllegalArgumentException("no content coding offered");
        for (String c : codings) ContentCoding.named(c); // throws for an unknown one
    }

    public static CompressionConfig defaults() {
        return DEFAULTS;
    }

    public CompressionConfig withTypes(List<String> v) {
        return new CompressionConfig(v, minLength, level, codings, vary);
    }

    public CompressionConfig withMinLength(long v) {
        return new CompressionConfig(types, v, level, codings, vary);
    }

    public CompressionConfig withLevel(int v) {
        return new CompressionConfig(types, minLength, v, codings, vary);
    }

    public CompressionConfig withCodings(List<String> v) {
        return new CompressionConfig(types, minLength, level, v, vary);
    }

    public CompressionConfig withVary(boolean v) {
        return new CompressionConfig(types, minLength, level, codings, v);
    }
}
