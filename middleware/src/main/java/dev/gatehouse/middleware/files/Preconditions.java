package dev.gatehouse.middleware.files;

import dev.gatehouse.api.Environ;

/**
 * The conditional request headers of RFC 9110 section 13, evaluated in the order of section
 * 13.2.2 against a file's entity tag and modification time (whole seconds):
 * <ol>
 *   <li>{@code If-Match} (strong comparison) false: 412;</li>
 *   <li>otherwise {@code If-Unmodified-Since} (a valid date) earlier than the file: 412;</li>
 *   <li>{@code If-None-Match} (weak comparison) true: 304 for GET and HEAD;</li>
 *   <li>otherwise {@code If-Modified-Since} (a valid date) not earlier than the file: 304
 *       (nginx's {@code if_modified_since before}; nginx's default, {@code exact}, wants the
 *       very same date);</li>
 *   <li>{@code If-Range} decides whether the {@code Range} header applies (see
 *       {@link #rangeApplies}).</li>
 * </ol>
 * Files here are always GET or HEAD representations, so a failed {@code If-None-Match} is a 304.
 */
final class Preconditions {
    enum Result { PROCEED, NOT_MODIFIED, FAILED }

    private Preconditions() {
    }

    /**
     * @param etag the file's strong tag, or null when tags are turned off
     * @param lastModified the file's modification time in epoch seconds
     */
    static Result evaluate(Environ environ, String etag, long lastModified) {
        String ifMatch = environ.header("If-Match");
        if (ifMatch != null) {
            if (!EntityTags.strongMatch(ifMatch, etag)) return Result.FAILED;
        } else {
            long since = HttpDates.parse(environ.header("If-Unmodified-Since"));
            if (since != HttpDates.INVALID && lastModified > since) return Result.FAILED;
        }
        String ifNoneMatch = environ.header("If-None-Match");
        if (ifNoneMatch != null) {
            if (EntityTags.weakMatch(ifNoneMatch, etag)) return Result.NOT_MODIFIED;
        } else {
            long since = HttpDates.parse(environ.header("If-Modified-Since"));
            if (since != HttpDates.INVALID && lastModified <= since) return Result.NOT_MODIFIED;
        }
        return Result.PROCEED;
    }

    /**
     * {@code If-Range} (RFC 9110 section 13.1.5): absent, or an entity tag that strongly matches,
     * or a date equal to the file's Last-Modified. Otherwise the {@code Range} header is ignored
     * and the whole file sent, which is what a client resuming a changed download needs.
     */
    static boolean rangeApplies(Environ environ, String etag, long lastModified) {
        String ifRange = environ.header("If-Range");
        if (ifRange == null) return true;
        if (EntityTags.isTag(ifRange)) return etag != null && EntityTags.strongMatch(ifRange, etag);
        long date = HttpDates.parse(ifRange);
        return date != HttpDates.INVALID && date == lastModified;
    }
}
