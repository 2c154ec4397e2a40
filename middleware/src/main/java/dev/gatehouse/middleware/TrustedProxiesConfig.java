package dev.gatehouse.middleware;

import java.util.List;

/**
 * The options of {@link TrustedProxies}, each with its default.
 *
 * @param trusted the peers whose forwarding headers are believed: CIDR blocks or single
 *                addresses, IPv4 and IPv6, and {@code "unix:"} for every Unix-domain socket
 *                peer (nginx {@code set_real_ip_from}, Apache {@code RemoteIPTrustedProxy});
 *                default loopback and Unix sockets: {@code 127.0.0.0/8}, {@code ::1},
 *                {@code unix:}
 * @param source which headers carry the client: {@link Source#X_FORWARDED} (nginx
 *               {@code real_ip_header X-Forwarded-For}, Apache {@code RemoteIPHeader}) or
 *               {@link Source#FORWARDED} (RFC 7239); default X_FORWARDED. Only one family is
 *               read, so a client cannot slip a header of the other one past a proxy that does
 *               not overwrite it.
 * @param recursive skip every trusted address from the right of the list and take the first
 *                  untrusted one (nginx {@code real_ip_recursive on}); off, the rightmost entry
 *                  is the client whatever it is; default true
 * @param useProto take the scheme from {@code proto=} or {@code X-Forwarded-Proto}
 *                 ({@code gateway.url_scheme}, {@code HTTPS}); default true
 * @param useHost take the host from {@code host=} or {@code X-Forwarded-Host} ({@code HTTP_HOST},
 *                {@code SERVER_NAME}, {@code SERVER_PORT}); default true
 * @param usePrefix put {@code X-Forwarded-Prefix} in front of {@code SCRIPT_NAME} (the path the
 *                  proxy mounts the app at); default true
 */
public record TrustedProxiesConfig(List<String> trusted, Source source, boolean recursive,
                                   boolean useProto, boolean useHost, boolean usePrefix) {

    /** The header family that names the client. */
    public enum Source {
        /** {@code X-Forwarded-For}, {@code -Proto}, {@code -Host}, {@code -Prefix}. */
        X_FORWARDED,
        /** RFC 7239 {@code Forwarded: for=...;proto=...;host=...} (plus {@code X-Forwarded-Prefix}). */
        FORWARDED
    }

    public static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1", "unix:");

    public static final TrustedProxiesConfig DEFAULTS = new TrustedProxiesConfig(LOOPBACK, Source.X_FORWARDED, true, true, true, true);

    public TrustedProxiesConfig {
        trusted = List.copyOf(trusted);
        if (source == null) throw new IllegalArgumentException("source must be X_FORWARDED or FORWARDED");
    }

    public static TrustedProxiesConfig defaults() {
        return DEFAULTS;
    }

    /** The defaults with {@code trusted} as the allow-list. */
    public static TrustedProxiesConfig trusting(String... trusted) {
        return DEFAULTS.withTrusted(List.of(trusted));
    }

    public TrustedProxiesConfig withTrusted(List<String> v) {
        return new TrustedProxiesConfig(v, source, recursive, useProto, useHost, usePrefix);
    }

    public TrustedProxiesConfig withSource(Source v) {
        return new TrustedProxiesConfig(trusted, v, recursive, useProto, useHost, usePrefix);
    }

    public TrustedProxiesConfig withRecursive(boolean v) {
        return new TrustedProxiesConfig(trusted, source, v, useProto, useHost, usePrefix);
    }

    public TrustedProxiesConfig withUseProto(boolean v) {
        return new TrustedProxiesConfig(trusted, source, recursive, v, useHost, usePrefix);
    }

    public TrustedProxiesConfig withUseHost(boolean v) {
        return new TrustedProxiesConfig(trusted, source, recursive, useProto, v, usePrefix);
    }

    public TrustedProxiesConfig withUsePrefix(boolean v) {
        return new TrustedProxiesConfig(trusted, source, recursive, useProto, useHost, v);
    }
}
