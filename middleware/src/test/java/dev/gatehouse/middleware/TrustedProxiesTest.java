package dev.gatehouse.middleware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.api.Application;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Environ;
import dev.gatehouse.api.EnvironKeys;
import dev.gatehouse.api.Header;
import dev.gatehouse.testkit.RawResponse;
import dev.gatehouse.testkit.RawHttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {
    private final TrustedProxies proxies = TrustedProxies.trusting("10.0.0.0/8", "2001:db8::/32");

    private static Environ from(String peer, String... headers) {
        Environ env = GatewayRun.get("/x").put(EnvironKeys.REMOTE_ADDR, peer);
        for (int i = 0; i < headers.length; i += 2) env.put(headers[i], headers[i + 1]);
        return env;
    }

    /** Runs the middleware through the server side and returns the environ the app saw. */
    private static Environ seenBy(TrustedProxies middleware, Environ env) {
        AtomicReference<Environ> seen = new AtomicReference<>();
        Application app = (e, sr) -> {
            seen.set(e.copy());
            sr.start(200, Header.of("Content-Type", "text/plain"));
            return Body.of(e.requestUrl());
        };
        GatewayRun.Response r = GatewayRun.run(middleware, app, env);
        assertThat(r.violations()).isEmpty();
        assertThat(r.status()).isEqualTo(200);
        return seen.get();
    }

    private Environ seen(Environ env) {
        return seenBy(proxies, env);
    }

    @Test
    void takesTheClientFromXForwardedForOfATrustedPeer() {
        Environ env = seen(from("10.0.0.1", "HTTP_X_FORWARDED_FOR", "203.0.113.7"));
        assertThat(env.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("203.0.113.7");
        assertThat(env.getString(EnvironKeys.REMOTE_PORT)).isNull();
        assertThat(env.get(TrustedProxies.PEER)).isEqualTo("10.0.0.1");
        assertThat(env.get(TrustedProxies.PEER_PORT)).isEqualTo("40000");
        assertThat(env.getString("HTTP_X_FORWARDED_FOR")).isEqualTo("203.0.113.7");
    }

    @Test
    void skipsTrustedHopsFromTheRightAndStopsAtTheFirstUntrusted() {
        Environ env = seen(from("10.0.0.1", "HTTP_X_FORWARDED_FOR", "198.51.100.1, 203.0.113.7,10.0.0.2"));
        assertThat(env.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("203.0.113.7");
    }

    @Test
    void takesTheRightmostEntryWithoutRecursion() {
        TrustedProxies flat = new TrustedProxies(TrustedProxiesConfig.trusting("10.0.0.0/8").withRecursive(false));
        Environ env = seenBy(flat, from("10.0.0.1", "HTTP_X_FORWARDED_FOR", "203.0.113.7, 10.0.0.2"));
        assertThat(env.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("10.0.0.2");
    }

    @Test
    void takesTheLeftmostWhenEveryHopIsTrusted() {
        Environ env = seen(from("10.0.0.1", "HTTP_X_FORWARDED_FOR", "10.9.9.9, 10.0.0.2"));
        assertThat(env.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("10.9.9.9");
    }

    @Test
    void stopsAtAnEntryThatIsNoAddress() {
        Environ env = seen(from("10.0.0.1", "HTTP_X_FORWARDED_FOR", "203.0.113.7, bogus, 10.0.0.2"));
        assertThat(env.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("10.0.0.2");
    }

    @Test
    void acceptsIpv6AndPortsInXForwardedFor() {
        assertThat(seen(from("10.0.0.1", "HTTP_X_FORWARDED_FOR", "2001:db9::5")).getString(EnvironKeys.REMOTE_ADDR))
                .isEqualTo("2001:db9::5");
        Environ bracketed = seen(from("10.0.0.1", "HTTP_X_FORWARDED_FOR", "[2001:db9::5]:8080"));
        assertThat(bracketed.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("2001:db9::5");
        assertThat(bracketed.getString(EnvironKeys.REMOTE_PORT)).isEqualTo("8080");
        Environ v4port = seen(from("10.0.0.1", "HTTP_X_FORWARDED_FOR", "203.0.113.7:5555"));
        assertThat(v4port.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("203.0.113.7");
        assertThat(v4port.getString(EnvironKeys.REMOTE_PORT)).isEqualTo("5555");
    }

    @Test
    void ignoresAndStripsTheForwardingHeadersOfAnUntrustedPeer() {
        Environ env = seen(from("198.51.100.9",
                "HTTP_X_FORWARDED_FOR", "1.2.3.4", "HTTP_X_FORWARDED_PROTO", "https", "HTTP_X_FORWARDED_HOST", "evil.example",
                "HTTP_X_FORWARDED_PREFIX", "/admin", "HTTP_FORWARDED", "for=1.2.3.4", "HTTP_X_REAL_IP", "1.2.3.4",
                "HTTP_X_FORWARDED_PORT", "443"));
        assertThat(env.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("198.51.100.9");
        assertThat(env.urlScheme()).isEqualTo("http");
        assertThat(env.scriptName()).isEmpty();
        assertThat(env.keys()).noneMatch(k -> k.startsWith("HTTP_X_") || k.equals("HTTP_FORWARDED"));
    }

    @Test
    void setsSchemeHostAndPrefixFromXForwardedHeaders() {
        Environ env = seen(from("10.0.0.1", "HTTP_X_FORWARDED_FOR", "203.0.113.7", "HTTP_X_FORWARDED_PROTO", "HTTPS",
                "HTTP_X_FORWARDED_HOST", "example.com:8443", "HTTP_X_FORWARDED_PREFIX", "/my%20app/"));
        assertThat(env.urlScheme()).isEqualTo("https");
        assertThat(env.getString("HTTPS")).isEqualTo("on");
        assertThat(env.getString("HTTP_HOST")).isEqualTo("example.com:8443");
        assertThat(env.getString(EnvironKeys.SERVER_NAME)).isEqualTo("example.com");
        assertThat(env.getString(EnvironKeys.SERVER_PORT)).isEqualTo("8443");
        assertThat(env.scriptName()).isEqualTo("/my app");
        assertThat(env.requestUrl()).isEqualTo("https://example.com:8443/my%20app/x");
    }

    @Test
    void aForwardedHostWithoutPortTakesTheSchemesDefault() {
        Environ env = seen(from("10.0.0.1", "HTTP_X_FORWARDED_PROTO", "https", "HTTP_X_FORWARDED_HOST", "[2001:db8::1]"));
        assertThat(env.getString(EnvironKeys.SERVER_NAME)).isEqualTo("[2001:db8::1]");
        assertThat(env.getString(EnvironKeys.SERVER_PORT)).isEqualTo("443");
        assertThat(env.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("10.0.0.1");
    }

    @Test
    void aPlainHttpProtoClearsHttps() {
        Environ env = seen(from("10.0.0.1", "HTTPS", "on", "HTTP_X_FORWARDED_PROTO", "http").put(EnvironKeys.URL_SCHEME, "https"));
        assertThat(env.urlScheme()).isEqualTo("http");
        assertThat(env.getString("HTTPS")).isNull();
    }

    @Test
    void readsListsOfProtoAndHostAtTheClientsHop() {
        Environ env = seen(from("10.0.0.1", "HTTP_X_FORWARDED_FOR", "203.0.113.7, 10.0.0.2",
                "HTTP_X_FORWARDED_PROTO", "https, http", "HTTP_X_FORWARDED_HOST", "example.com, internal.lan"));
        assertThat(env.urlScheme()).isEqualTo("https");
        assertThat(env.getString("HTTP_HOST")).isEqualTo("example.com");
        Environ single = seen(from("10.0.0.1", "HTTP_X_FORWARDED_FOR", "203.0.113.7, 10.0.0.2",
                "HTTP_X_FORWARDED_PROTO", "https"));
        assertThat(single.urlScheme()).isEqualTo("https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp", "https://x", ""})
    void ignoresAnUnknownScheme(String proto) {
        Environ env = seen(from("10.0.0.1", "HTTP_X_FORWARDED_PROTO", proto));
        assertThat(env.urlScheme()).isEqualTo("http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"exa mple.com", "example.com:99999", "example.com:", "[::1", "[nothex::1]", "a/b", "x:8a"})
    void ignoresAMalformedHost(String host) {
        Environ env = seen(from("10.0.0.1", "HTTP_X_FORWARDED_HOST", host));
        assertThat(env.getString("HTTP_HOST")).isNull();
        assertThat(env.getString(EnvironKeys.SERVER_NAME)).isEqualTo("localhost");
    }

    @Test
    void ignoresAPrefixThatIsNoPath() {
        assertThat(seen(from("10.0.0.1", "HTTP_X_FORWARDED_PREFIX", "app")).scriptName()).isEmpty();
        assertThat(seen(from("10.0.0.1", "HTTP_X_FORWARDED_PREFIX", "/bad%zz")).scriptName()).isEmpty();
        assertThat(seen(from("10.0.0.1", "HTTP_X_FORWARDED_PREFIX", "/")).scriptName()).isEmpty();
        TrustedProxies noPrefix = new TrustedProxies(TrustedProxiesConfig.trusting("10.0.0.0/8").withUsePrefix(false));
        assertThat(seenBy(noPrefix, from("10.0.0.1", "HTTP_X_FORWARDED_PREFIX", "/app")).scriptName()).isEmpty();
    }

    // ---- RFC 7239 ----------------------------------------------------------------------------

    private final TrustedProxies rfc7239 = new TrustedProxies(TrustedProxiesConfig.trusting("10.0.0.0/8", "2001:db8::/32")
            .withSource(TrustedProxiesConfig.Source.FORWARDED));

    @Test
    void takesTheClientFromForwardedWithQuotedIpv6AndPort() {
        Environ env = seenBy(rfc7239, from("10.0.0.1", "HTTP_FORWARDED", "for=\"[2001:db9:cafe::17]:4711\""));
        assertThat(env.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("2001:db9:cafe::17");
        assertThat(env.getString(EnvironKeys.REMOTE_PORT)).isEqualTo("4711");
    }

    @Test
    void readsSchemeAndHostFromTheElementTheOutermostTrustedProxyWrote() {
        Environ env = seenBy(rfc7239, from("10.0.0.1", "HTTP_FORWARDED",
                "for=203.0.113.7;proto=https;host=example.com, For=\"10.0.0.2\";Proto=http;Host=\"internal.lan:8080\""));
        assertThat(env.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("203.0.113.7");
        assertThat(env.urlScheme()).isEqualTo("https");
        assertThat(env.getString("HTTPS")).isEqualTo("on");
        assertThat(env.getString("HTTP_HOST")).isEqualTo("example.com");
        assertThat(env.getString(EnvironKeys.SERVER_PORT)).isEqualTo("443");
    }

    @Test
    void anObfuscatedOrUnknownClientLeavesTheLastProxyAsTheClient() {
        Environ hidden = seenBy(rfc7239, from("10.0.0.1", "HTTP_FORWARDED", "for=_hidden;proto=https, for=10.0.0.2"));
        assertThat(hidden.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("10.0.0.2");
        assertThat(hidden.urlScheme()).isEqualTo("https");
        Environ unknown = seenBy(rfc7239, from("10.0.0.1", "HTTP_FORWARDED", "for=unknown;proto=https"));
        assertThat(unknown.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("10.0.0.1");
        assertThat(unknown.getString(EnvironKeys.REMOTE_PORT)).isEqualTo("40000");
        assertThat(unknown.urlScheme()).isEqualTo("https");
        Environ obfuscatedPort = seenBy(rfc7239, from("10.0.0.1", "HTTP_FORWARDED", "for=\"203.0.113.7:_port1\""));
        assertThat(obfuscatedPort.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("203.0.113.7");
        assertThat(obfuscatedPort.getString(EnvironKeys.REMOTE_PORT)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"for=\"[2001:db8::1", "for=1.2.3.4;for=5.6.7.8", "for", "=1.2.3.4", "for=a b", "for=\"x\"y\""})
    void ignoresAMalformedForwardedHeaderWhole(String field) {
        Environ env = seenBy(rfc7239, from("10.0.0.1", "HTTP_FORWARDED", field + ";proto=https"));
        assertThat(env.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("10.0.0.1");
        assertThat(env.urlScheme()).isEqualTo("http");
    }

    @Test
    void anUnbracketedIpv6NodeIsNoAddress() {
        Environ env = seenBy(rfc7239, from("10.0.0.1", "HTTP_FORWARDED", "for=\"2001:db9::1\""));
        assertThat(env.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("10.0.0.1");
    }

    @Test
    void parsesForwardedElementsAndQuotedPairs() {
        assertThat(TrustedProxies.parseForwarded("for=192.0.2.60;proto=http;by=203.0.113.43, for=\"a\\\"b\""))
                .containsExactly(Map.of("for", "192.0.2.60", "proto", "http", "by", "203.0.113.43"), Map.of("for", "a\"b"));
        assertThat(TrustedProxies.parseForwarded("for=x;;proto=y")).containsExactly(Map.of("for", "x", "proto", "y"));
    }

    @Test
    void readsOnlyTheConfiguredHeaderFamily() {
        Environ env = seenBy(rfc7239, from("10.0.0.1", "HTTP_X_FORWARDED_FOR", "203.0.113.7"));
        assertThat(env.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("10.0.0.1");
        Environ xff = seen(from("10.0.0.1", "HTTP_FORWARDED", "for=203.0.113.7"));
        assertThat(xff.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("10.0.0.1");
    }

    // ---- the allow-list -----------------------------------------------------------------------

    @Test
    void matchesIpv6BlocksWhateverTheSpellingAndIpv4MappedPeers() {
        assertThat(proxies.trusted("2001:db8:0:0:0:0:0:1")).isTrue();
        assertThat(proxies.trusted("2001:DB8::1%eth0")).isTrue();
        assertThat(proxies.trusted("2001:db9::1")).isFalse();
        assertThat(proxies.trusted("::ffff:10.1.2.3")).isTrue();
        assertThat(proxies.trusted("0:0:0:0:0:ffff:a01:203")).isTrue();
        assertThat(proxies.trusted("11.0.0.1")).isFalse();
        assertThat(proxies.trusted("unix:")).isFalse();
        assertThat(proxies.trusted("not-an-ip")).isFalse();
        TrustedProxies narrow = TrustedProxies.trusting("192.168.1.128/25", "::ffff:172.16.0.0/108");
        assertThat(narrow.trusted("192.168.1.200")).isTrue();
        assertThat(narrow.trusted("192.168.1.100")).isFalse();
        assertThat(narrow.trusted("172.31.255.255")).isTrue();
        assertThat(narrow.trusted("172.32.0.0")).isFalse();
    }

    @Test
    void trustsLoopbackAndUnixSocketsByDefault() {
        TrustedProxies defaults = new TrustedProxies(TrustedProxiesConfig.defaults());
        assertThat(defaults.trusted("127.0.0.1")).isTrue();
        assertThat(defaults.trusted("127.255.0.9")).isTrue();
        assertThat(defaults.trusted("::1")).isTrue();
        assertThat(defaults.trusted("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(defaults.trusted("unix:")).isTrue();
        assertThat(defaults.trusted("10.0.0.1")).isFalse();
        Environ env = seenBy(defaults, from("unix:", "HTTP_X_FORWARDED_FOR", "203.0.113.7"));
        assertThat(env.getString(EnvironKeys.REMOTE_ADDR)).isEqualTo("203.0.113.7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1/8", "300.1.1.1", "10.0.0.0/33", "proxy.example", "010.0.0.1", "10.1", "1.2.3.4/",
            "::1/129", "1::2::3", "2001:db8::/-1", "+1.2.3.4", "1.2.3.4 "})
    void refusesAMalformedAllowListEntry(String entry) {
        assertThatThrownBy(() -> TrustedProxies.trusting(entry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry);
    }

    @Test
    void parsesIpLiteralsStrictly() {
        assertThat(IpAddresses.parse("192.0.2.1")).containsExactly(192, 0, 2, 1);
        assertThat(IpAddresses.parse("::")).hasSize(16).containsOnly(0);
        assertThat(IpAddresses.parse("1:2:3:4:5:6:7:8")).hasSize(16);
        assertThat(IpAddresses.parse("::ffff:1.2.3.4")).containsExactly(1, 2, 3, 4);
        assertThat(IpAddresses.parse("64:ff9b::1.2.3.4")).hasSize(16);
        for (String bad : List.of("1.2.3", "1.2.3.4.5", "1.2.3.256", "01.2.3.4", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
                ":1:2:3:4:5:6:7", "1::2:3:4:5:6:7:8", "12345::", "::1.2.3", "g::1", "", "١.٢.٣.٤")) {
            assertThat(IpAddresses.parse(bad)).as(bad).isNull();
        }
    }

    // ---- over the wire ------------------------------------------------------------------------

    @Test
    void believesALoopbackProxyOverTheWireAndStripsForAnUntrustedOne() throws Exception {
        Application echo = (env, sr) -> {
            String seen = env.getString(EnvironKeys.REMOTE_ADDR) + " " + env.urlScheme() + " " + env.getString("HTTP_X_FORWARDED_FOR");
            sr.start(200, Header.of("Content-Type", "text/plain"));
            return Body.of(seen);
        };
        String request = "GET / HTTP/1.1\r\nHost: app\r\nX-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\n"
                + "Connection: close\r\n\r\n";
        try (LiveServer server = new LiveServer(new TrustedProxies(TrustedProxiesConfig.defaults()).wrap(echo));
             RawHttpClient client = server.connect()) {
            client.send(request);
            RawResponse response = client.readResponse();
            assertThat(response.bodyText()).isEqualTo("203.0.113.7 https 203.0.113.7");
        }
        try (LiveServer server = new LiveServer(TrustedProxies.trusting("10.0.0.0/8").wrap(echo));
             RawHttpClient client = server.connect()) {
            client.send(request);
            assertThat(client.readResponse().bodyText()).isEqualTo("127.0.0.1 http null");
        }
    }
}
