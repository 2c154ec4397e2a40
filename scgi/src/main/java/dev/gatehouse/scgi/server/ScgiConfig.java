package dev.gatehouse.scgi.server;

import dev.gatehouse.core.stream.StreamServerConfig;

/**
 * Everything an SCGI server is configured with: the stream server's limits, timeouts and allowed
 * peers (the header netstring is bounded by {@code stream.maxHeadBytes()}, 64 KiB by default), and
 * the one named leniency, on by default because Debian 12's nginx needs it.
 *
 * @param stream limits, timeouts, caps and allowed peers of the connections
 * @param mergeRepeatedHeaders join repeated {@code HTTP_*} variables instead of refusing the
 *     request: nginx before 1.23 repeats one for a request header sent several times, and the
 *     SCGI spec forbids a name twice. See {@link dev.gatehouse.scgi.codec.ScgiRequestDecoder}
 */
public record ScgiConfig(StreamServerConfig stream, boolean mergeRepeatedHeaders) {
    /**
     * The stream server's defaults; repeated {@code HTTP_*} variables are joined (nginx 1.22 sends a
     * header given twice as two variables), any other name twice is refused.
     */
    public static ScgiConfig defaults() {
        return of(StreamServerConfig.defaults());
    }

    public static ScgiConfig of(StreamServerConfig stream) {
        return new ScgiConfig(stream, true);
    }

    public ScgiConfig withMergeRepeatedHeaders(boolean merge) {
        return new ScgiConfig(stream, merge);
    }
}
