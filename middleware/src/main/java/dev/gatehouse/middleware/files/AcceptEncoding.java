package dev.gatehouse.middleware.files;

/**
 * Chooses a precompressed representation from {@code Accept-Encoding} (RFC 9110 section
 * 12.5.3): the available coding with the highest q-value above 0, Brotli before gzip when they
 * tie. {@code *} stands for every coding the list does not name; {@code x-gzip} is gzip. An
 * element with a malformed weight is ignored. No header, or nothing acceptable: identity (null).
 */
final class AcceptEncoding {
    static final String BR = "br";
    static final String GZIP = "gzip";

    private AcceptEncoding() {
    }

    static String choose(String header, boolean brAvailable, boolean gzipAvailable) {
        if (header == null || (!brAvailable && !gzipAvailable)) return null;
        int br = -1;
        int gzip = -1;
        int any = -1;
        for (String element : header.split(",", 64)) {
            String e = element.strip();
            if (e.isEmpty()) continue;
            int semi = e.indexOf(';');
            String coding = MimeTypes.asciiLower((semi < 0 ? e : e.substring(0, semi)).strip());
            int q = semi < 0 ? 1000 : weight(e.substring(semi + 1));
            if (q < 0) continue;
            switch (coding) {
                case "br" -> br = Math.max(br, q);
                case "gzip", "x-gzip" -> gzip = Math.max(gzip, q);
                case "*" -> any = Math.max(any, q);
                default -> { }
            }
        }
        if (br < 0) br = any;
        if (gzip < 0) gzip = any;
        if (!brAvailable) br = 0;
        if (!gzipAvailable) gzip = 0;
        if (br <= 0 && gzip <= 0) return null;
        return br >= gzip ? BR : GZIP;
    }

    /**
     * {@code OWS "q=" qvalue} as thousandths, or -1 if malformed; other parameters are not
     * defined for Accept-Encoding and make the element malformed too.
     */
    private static int weight(String params) {
        String p = params.strip();
        if (p.length() < 3 || (p.charAt(0) != 'q' && p.charAt(0) != 'Q') || p.charAt(1) != '=') return -1;
        String v = p.substring(2);
        if (v.isEmpty() || v.length() > 5 || (v.charAt(0) != '0' && v.charAt(0) != '1')) return -1;
        int q = (v.charAt(0) - '0') * 1000;
        if (v.length() > 1) {
            if (v.charAt(1) != '.') return -1;
            int scale = 100;
            for (int i = 2; i < v.length(); i++, scale /= 10) {
                char c = v.charAt(i);
                if (c < '0' || c > '9') return -1;
                q += (c - '0') * scale;
            }
        }
        return q > 1000 ? -1 : q;
    }
}
