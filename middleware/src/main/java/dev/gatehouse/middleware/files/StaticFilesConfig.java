package dev.gatehouse.middleware.files;

import java.nio.file.FileSystems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every option of {@link StaticFiles} (and of the files {@link SendfileMiddleware} serves), each
 * named once with its default and the nginx directive it stands for. Start from
 * {@link #defaults()} and change what you need with the {@code with...} methods.
 *
 * @param indexFiles names tried in order for a request that names a directory with a trailing
 *                   slash (nginx {@code index}); default {@code index.html}
 * @param listDirectories answer a directory without an index file with an HTML listing (nginx
 *                        {@code autoindex}); default off, and such a directory is then a 403
 * @param maxListingEntries the most entries one listing shows (the rest is cut, and the page
 *                          says so); default 10,000
 * @param hiddenFiles serve names that start with a dot ({@code .git}, {@code .env}); default off:
 *                    they answer 404 as if they did not exist
 * @param hiddenAllowed dot-names served even when hidden files are not; default
 *                      {@code .well-known} (RFC 8615: ACME challenges, security.txt)
 * @param symlinks which symbolic links are followed (nginx {@code disable_symlinks}); default
 *                 {@link Symlinks#WITHIN_ROOT}
 * @param precompressed serve {@code NAME.br} / {@code NAME.gz} instead of {@code NAME} when the
 *                      client accepts that encoding (nginx {@code gzip_static} and
 *                      {@code brotli_static}); default on
 * @param defaultCharset the {@code charset} parameter added to the types in {@code charsetTypes}
 *                       (nginx {@code charset}); default {@code utf-8}, null for none
 * @param charsetTypes media types that get the charset; {@code text/*} stands for every text
 *                     type (nginx {@code charset_types})
 * @param defaultType the type of a file whose extension is unknown (nginx {@code default_type});
 *                    default {@code application/octet-stream}
 * @param extraTypes extension (without the dot, any case) to media type, over the built-in
 *                   table (nginx {@code types}); default none
 * @param cacheControl the {@code Cache-Control} value of every file response, or null for none
 *                     (nginx {@code expires} / {@code add_header Cache-Control}); default none
 * @param cacheRules per-pattern {@code Cache-Control}, the first match wins over
 *                   {@code cacheControl}; default none
 * @param maxRanges byte ranges one request may ask for before its {@code Range} header is
 *                  ignored and the whole file sent (nginx {@code max_ranges}); default 16; 0
 *                  turns range support off
 * @param etags send {@code ETag} and honour entity tags in conditionals (nginx {@code etag});
 *              default on
 */
public record StaticFilesConfig(
        List<String> indexFiles,
        boolean listDirectories,
        int maxListingEntries,
        boolean hiddenFiles,
        Set<String> hiddenAllowed,
        Symlinks symlinks,
        boolean precompressed,
        String defaultCharset,
        Set<String> charsetTypes,
        String defaultType,
        Map<String, String> extraTypes,
        String cacheControl,
        List<CacheRule> cacheRules,
        int maxRanges,
        boolean etags) {

    /** Which symbolic links under the root are followed. */
    public enum Symlinks {
        /** Any link is refused with 403, wherever it points (nginx {@code disable_symlinks on}). */
        REFUSE,
        /** Links are followed while their target stays under the root; others are a 403. */
        WITHIN_ROOT,
        /** Every link is followed, also out of the root (nginx's default, {@code disable_symlinks off}). */
        ANY
    }

    /**
     * A {@code Cache-Control} value for the files that match a glob. A glob without '/' is
     * matched against the file name ({@code *.woff2}, {@code *.[0-9a-f][0-9a-f][0-9a-f][0-9a-f]*.js});
     * a glob with '/' against the whole path under the root ({@code assets/**}), as
     * {@link java.nio.file.FileSystem#getPathMatcher} spells globs.
     */
    public record CacheRule(String glob, String cacheControl) {
        public CacheRule {
            if (glob == null || glob.isEmpty()) throw new IllegalArgumentException("a cache rule needs a glob");
            FileSystems.getDefault().getPathMatcher("glob:" + glob); // fails early on a bad glob
            if (cacheControl == null) throw new IllegalArgumentException("cache rule " + glob + " needs a Cache-Control value");
            checkFieldValue("Cache-Control of rule " + glob, cacheControl);
        }

        /** Long-lived, never revalidated: for file names that change whenever their content does. */
        public static CacheRule immutable(String glob) {
            return new CacheRule(glob, "public, max-age=31536000, immutable");
        }
    }

    public static final StaticFilesConfig DEFAULTS = new StaticFilesConfig(
            List.of("index.html"),
            false,
            10_000,
            false,
            Set.of(".well-known"),
            Symlinks.WITHIN_ROOT,
            true,
            "utf-8",
            Set.of("text/*", "application/javascript", "application/xml", "application/xhtml+xml",
                    "application/rss+xml", "application/atom+xml", "image/svg+xml"),
            "application/octet-stream",
            Map.of(),
            null,
            List.of(),
            16,
            true);

    public StaticFilesConfig {
        indexFiles = List.copyOf(indexFiles);
        for (String name : indexFiles) {
            if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.equals("..") || name.equals(".")) {
                throw new IllegalArgumentException("an index file is a plain file name: '" + name + "'");
            }
        }
        if (maxListingEntries < 1) throw new IllegalArgumentException("maxListingEntries must be at least 1");
        hiddenAllowed = Set.copyOf(hiddenAllowed);
        if (symlinks == null) throw new IllegalArgumentException("symlinks policy is null");
        if (defaultCharset != null) checkToken("defaultCharset", defaultCharset);
        charsetTypes = Set.copyOf(charsetTypes);
        checkMediaType("defaultType", defaultType);
        Map<String, String> types = new LinkedHashMap<>();
        extraTypes.forEach((ext, type) -> {
            String key = MimeTypes.asciiLower(ext.startsWith(".") ? ext.substring(1) : ext);
            if (key.isEmpty()) throw new IllegalArgumentException("an empty extension in extraTypes");
            checkMediaType("extraTypes[" + ext + "]", type);
            types.put(key, type);
        });
        extraTypes = Map.copyOf(types);
        checkFieldValue("cacheControl", cacheControl);
        cacheRules = List.copyOf(cacheRules);
        if (maxRanges < 0) throw new IllegalArgumentException("maxRanges must not be negative");
    }

    public static StaticFilesConfig defaults() {
        return DEFAULTS;
    }

    private static void checkToken(String what, String value) {
        if (value.isEmpty()) throw new IllegalArgumentException(what + " is empty");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) throw new IllegalArgumentException(what + " is not a token: '" + value + "'");
        }
    }

    private static void checkMediaType(String what, String value) {
        if (value == null) throw new IllegalArgumentException(what + " is null");
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1) throw new IllegalArgumentException(what + " is not a media type: '" + value + "'");
        checkFieldValue(what, value);
    }

    static void checkFieldValue(String what, String value) {
        if (value == null) return;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F || c > 0xFF) {
                throw new IllegalArgumentException(what + " has a control character: '" + value + "'");
            }
        }
    }

    public StaticFilesConfig withIndexFiles(String... names) {
        return new StaticFilesConfig(List.of(names), listDirectories, maxListingEntries, hiddenFiles, hiddenAllowed, symlinks, precompressed, defaultCharset, charsetTypes, defaultType, extraTypes, cacheControl, cacheRules, maxRanges, etags);
    }

    public StaticFilesConfig withListDirectories(boolean v) {
        return new StaticFilesConfig(indexFiles, v, maxListingEntries, hiddenFiles, hiddenAllowed, symlinks, precompressed, defaultCharset, charsetTypes, defaultType, extraTypes, cacheControl, cacheRules, maxRanges, etags);
    }

    public StaticFilesConfig withMaxListingEntries(int v) {
        return new StaticFilesConfig(indexFiles, listDirectories, v, hiddenFiles, hiddenAllowed, symlinks, precompressed, defaultCharset, charsetTypes, defaultType, extraTypes, cacheControl, cacheRules, maxRanges, etags);
    }

    public StaticFilesConfig withHiddenFiles(boolean v) {
        return new StaticFilesConfig(indexFiles, listDirectories, maxListingEntries, v, hiddenAllowed, symlinks, precompressed, defaultCharset, charsetTypes, defaultType, extraTypes, cacheControl, cacheRules, maxRanges, etags);
    }

    public StaticFilesConfig withHiddenAllowed(String... names) {
        return new StaticFilesConfig(indexFiles, listDirectories, maxListingEntries, hiddenFiles, Set.of(names), symlinks, precompressed, defaultCharset, charsetTypes, defaultType, extraTypes, cacheControl, cacheRules, maxRanges, etags);
    }

    public StaticFilesConfig withSymlinks(Symlinks v) {
        return new StaticFilesConfig(indexFiles, listDirectories, maxListingEntries, hiddenFiles, hiddenAllowed, v, precompressed, defaultCharset, charsetTypes, defaultType, extraTypes, cacheControl, cacheRules, maxRanges, etags);
    }

    public StaticFilesConfig withPrecompressed(boolean v) {
        return new StaticFilesConfig(indexFiles, listDirectories, maxListingEntries, hiddenFiles, hiddenAllowed, symlinks, v, defaultCharset, charsetTypes, defaultType, extraTypes, cacheControl, cacheRules, maxRanges, etags);
    }

    public StaticFilesConfig withDefaultCharset(String v) {
        return new StaticFilesConfig(indexFiles, listDirectories, maxListingEntries, hiddenFiles, hiddenAllowed, symlinks, precompressed, v, charsetTypes, defaultType, extraTypes, cacheControl, cacheRules, maxRanges, etags);
    }

    public StaticFilesConfig withCharsetTypes(String... types) {
        return new StaticFilesConfig(indexFiles, listDirectories, maxListingEntries, hiddenFiles, hiddenAllowed, symlinks, precompressed, defaultCharset, Set.of(types), defaultType, extraTypes, cacheControl, cacheRules, maxRanges, etags);
    }

    public StaticFilesConfig withDefaultType(String v) {
        return new StaticFilesConfig(indexFiles, listDirectories, maxListingEntries, hiddenFiles, hiddenAllowed, symlinks, precompressed, defaultCharset, charsetTypes, v, extraTypes, cacheControl, cacheRules, maxRanges, etags);
    }

    public StaticFilesConfig withExtraTypes(Map<String, String> v) {
        return new StaticFilesConfig(indexFiles, listDirectories, maxListingEntries, hiddenFiles, hiddenAllowed, symlinks, precompressed, defaultCharset, charsetTypes, defaultType, v, cacheControl, cacheRules, maxRanges, etags);
    }

    public StaticFilesConfig withCacheControl(String v) {
        return new StaticFilesConfig(indexFiles, listDirectories, maxListingEntries, hiddenFiles, hiddenAllowed, symlinks, precompressed, defaultCharset, charsetTypes, defaultType, extraTypes, v, cacheRules, maxRanges, etags);
    }

    public StaticFilesConfig withCacheRules(CacheRule... rules) {
        return new StaticFilesConfig(indexFiles, listDirectories, maxListingEntries, hiddenFiles, hiddenAllowed, symlinks, precompressed, defaultCharset, charsetTypes, defaultType, extraTypes, cacheControl, List.of(rules), maxRanges, etags);
    }

    public StaticFilesConfig withMaxRanges(int v) {
        return new StaticFilesConfig(indexFiles, listDirectories, maxListingEntries, hiddenFiles, hiddenAllowed, symlinks, precompressed, defaultCharset, charsetTypes, defaultType, extraTypes, cacheControl, cacheRules, v, etags);
    }

    public StaticFilesConfig withEtags(boolean v) {
        return new StaticFilesConfig(indexFiles, listDirectories, maxListingEntries, hiddenFiles, hiddenAllowed, symlinks, precompressed, defaultCharset, charsetTypes, defaultType, extraTypes, cacheControl, cacheRules, maxRanges, v);
    }
}
