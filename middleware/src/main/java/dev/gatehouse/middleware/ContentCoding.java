package dev.gatehouse.middleware;

/** The content codings {@link Compression} produces (RFC 9110 section 8.4.1). */
enum ContentCoding {
    /** RFC 1952: a 10-byte header, raw deflate data, CRC-32 and length. */
    GZIP("gzip"),
    /** RFC 1950 (zlib) around raw deflate data: what HTTP's "deflate" means. */
    DEFLATE("deflate");

    private final String token;

    ContentCoding(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    static ContentCoding named(String name) {
        for (ContentCoding c : values()) {
            if (c.token.equals(HeaderLists.lower(name))) return c;
        }
        throw new IllegalArgumentException("unknown content coding '" + name + "'; Compression offers gzip and deflate");
    }
}
